# The sentences of the server's refusals, in English: error bodies, and refused form
# fields in the messenger and the console. They read as advice to the person who typed
# ($max and the like are limits, formatted as numbers). Every other locale has exactly
# these messages with the same variables (i18n/tests/catalogs.rs).

# Whole requests

invalid = please check the highlighted fields
unauthorized = sign in first
bad-credentials = wrong email or password
origin-not-allowed = requests from this origin are not allowed for this workspace
csrf = missing or invalid CSRF token
unavailable = the server is shutting down
busy = the server is busy; please try again in a moment
internal = something went wrong on our side; please try again
method-not-allowed = this path does not accept the { $method } method
body-too-large = the request body is larger than this endpoint accepts
body-too-large-max = the request body is larger than this endpoint accepts ({ $max } bytes)

# Form fields shared by every way into a ticket

too-long = keep it under { $max } characters
email-missing = enter your email address so we can answer you
email-invalid = enter an email address such as jane@example.com
one-line = use at most { $max } characters on one line
page-errors-too-many = send at most { $max } errors
page-errors-too-long = keep each error under { $max } characters
tags-invalid = use at most { $tags } tags of at most { $max } characters
page-url-invalid = give an http or https address of at most { $max } bytes
attributes-too-many = send at most { $max } attributes
attributes-invalid = give every attribute a name, and keep names and values to one line of { $max } characters
files-too-many = send at most { $max } files at once
file-gone = a file is no longer there: attach it again

# What a field needs when it was left empty

missing-subject-short = add a short subject
missing-subject = add a subject
missing-ticket-subject = give the ticket a subject
missing-need = tell us what you need help with
missing-description = add a description
missing-tried = say what you were trying to do
missing-happened = say what happened instead
missing-goal = say what you want to achieve
missing-reply = write a reply first
missing-note = write a note first
missing-reply-title = give the reply a title agents will recognise
missing-reply-text = write the text the reply inserts
missing-key-name = name the key after what uses it
rating-range = choose a rating from 1 to 5

# Settings forms in the console

title-one-line = keep the title to one line
team-name = enter a name of 1 to { $max } characters on one line
hours-weekly = give opening hours for all seven days, Monday first
reminder-days = choose between 1 and 365 days
close-days = choose more days than for the reminder, at most 365
tickets-per-day = choose between 1 and 100000 tickets a day, or leave it empty for the default

# Files

file-empty = the file is empty
file-too-large-mb = the file is larger than { $mb } MB
file-type-refused = files of type { $type } are not accepted
file-unrecognised = the file's type is not recognised
file-damaged = the image is damaged
file-name = give the file a name of 1 to { $max } characters
file-over-limit = a file may be at most { $size }
files-full-agent = the workspace's storage for files is full; ask an admin
files-full-visitor = there is no room for more files just now; please describe it in words instead
file-infected = the file contains malware ({ $name }) and was refused
scanner-down = files cannot be checked for malware right now, so none are accepted; try again later
upload-interrupted = the upload was interrupted
