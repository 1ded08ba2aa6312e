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

# The console's other forms and actions, and the messenger's refusal page. Where a
# field's name or a status is part of a sentence, it has a message of its own here.

# Appearance
locale-choose = choose one of en, de, es or ar
brand-colour = write the colour as #rrggbb, for example #0b7285
locale-once = each language may appear once
keep-to =
    { $max ->
        [one] keep it to { $max } character
       *[other] keep it to { $max } characters
    }
control-characters = remove the control characters
logo-type = use a PNG, JPEG, GIF or WebP image

# Articles and categories
article-title-length =
    { $max ->
        [one] a title has 1 to { $max } character
       *[other] a title has 1 to { $max } characters
    }
article-body-length =
    { $max ->
        [one] an article may have at most { $max } character
       *[other] an article may have at most { $max } characters
    }
article-too-deep =
    { $max ->
        [one] this text nests block quotes, lists or HTML elements more than { $max } level deep; flatten it to render it
       *[other] this text nests block quotes, lists or HTML elements more than { $max } levels deep; flatten it to render it
    }
article-slug-invalid = "{ $slug }" is not a valid slug: use lowercase letters, digits, '-' and '/'
article-slug-missing = give a slug: the title has no letters or digits
article-slug-taken = another article already uses the slug "{ $slug }"
article-category-missing = category { $id } does not exist
article-tag-length =
    { $max ->
        [one] tags have at most { $max } character on one line
       *[other] tags have at most { $max } characters on one line
    }
article-tags-count =
    { $max ->
        [one] at most { $max } tag
       *[other] at most { $max } tags
    }
article-locale = "{ $locale }" is not a locale such as en or pt-BR
category-name-length =
    { $max ->
        [one] a category name has 1 to { $max } character
       *[other] a category name has 1 to { $max } characters
    }
category-name-taken = a category named "{ $name }" already exists

# Agents and invitations
capacity-range =
    { $max ->
        [one] capacity is 0 to { $max } open chat
       *[other] capacity is 0 to { $max } open chats
    }
own-admin-rights = ask another admin: you cannot take your own admin rights or deactivate yourself
last-admin = a workspace keeps at least one active admin
no-such-agent = no such agent
agent-deactivated = { $name } is deactivated
already-agent = { $email } is already an agent
invitations-waiting =
    { $count ->
        [one] { $count } invitation is waiting already
       *[other] { $count } invitations are waiting already
    }
mail-address-refused = mail cannot go to this address: { $error }

# Saved replies
shortcut-taken = another saved reply already uses the shortcut /{ $shortcut }
saved-replies-full =
    { $max ->
        [one] this workspace has { $max } saved reply, as many as it may keep; delete it before adding another
       *[other] this workspace has { $max } saved replies, as many as it may keep; delete one before adding another
    }

# Chats and tickets
search-too-long =
    { $max ->
        [one] search for at most { $max } character
       *[other] search for at most { $max } characters
    }
snooze-range = a snooze ends in the future, within a year
snooze-until = say until when
snooze-not-snoozed = only a snoozed chat has an end to its snooze
chat-already-ticket = this chat is already ticket #{ $number }
notes-no-files = internal notes take no files; attach them to a reply
reply-files-too-many =
    { $max ->
        [one] send at most { $max } file with one reply
       *[other] send at most { $max } files with one reply
    }
file-gone-upload = a file is no longer there: upload it again
ticket-has-address = ticket #{ $number } already has an address
ticket-transition = a ticket cannot go from { $from } to { $to }
ticket-state-new = new
ticket-state-open = open
ticket-state-pending = pending
ticket-state-resolved = resolved
ticket-state-closed = closed
ticket-closed = the ticket is closed; reopening it is not possible, open a new one
ticket-foreign-agent = the agent is not in the ticket's workspace
ticket-duplicate = the ticket already has this message
ticket-no-address = the requester has not given an email address yet
ticket-stale = the ticket changed in the meantime

# Reports
report-too-long =
    { $max ->
        [one] a report covers at most { $max } day; this range has { $days }
       *[other] a report covers at most { $max } days; this range has { $days }
    }
report-from-missing = give the first day of the report as YYYY-MM-DD
report-to-missing = give the last day of the report as YYYY-MM-DD
report-from-unreadable = cannot read { $text } as a date; write the first day like 2026-03-31
report-to-unreadable = cannot read { $text } as a date; write the last day like 2026-03-31
report-backwards = the last day ({ $to }) is before the first ({ $from })
report-out-of-range = the dates are outside the calendar's range

# Support access
access-duration = choose how long support may have access: 1 hour, 24 hours or 7 days
access-already-granted = support already has access until { $until }; revoke it first to grant it differently
access-visitor-not-verified = the visitor is not verified by the host application, so they cannot grant access to an account
access-already-requested = the user has a request waiting already; wait for their answer
grant-inactive = the grant was revoked or has expired
grant-inactive-action = the grant was revoked or has expired: nothing may be done under it
grant-actions-full =
    { $max ->
        [one] a grant records at most { $max } action; ask the user for a new grant
       *[other] a grant records at most { $max } actions; ask the user for a new grant
    }
no-such-grant = no such grant
field-empty = this cannot be empty
one-line-text = use one line of text
at-most-chars =
    { $max ->
        [one] use at most { $max } character
       *[other] use at most { $max } characters
    }

# Webhook and allowed origins
webhook-url = use an http or https URL such as https://app.example/helpline-webhook
origin-not-url = '{ $origin }' is not a URL
origin-scheme = '{ $origin }' must use http or https
origin-not-bare = '{ $origin }' must be only scheme, host and port (no path, query or credentials)
origins-too-many =
    { $max ->
        [one] at most { $max } origin may be allowed
       *[other] at most { $max } origins may be allowed
    }

# The messenger's page when it cannot run for a host
messenger-internal = Something went wrong on our side.
messenger-no-workspace = There is no workspace with this app id.
messenger-not-allowed = This site is not allowed to embed this messenger.

# Business hours in the console's support settings. $day is a weekday's name.

hours-unknown-zone = unknown time zone "{ $name }"; use an IANA name such as Europe/Berlin
hours-malformed = { $day }: cannot read "{ $text }" as opening hours; write them like 09:00-17:00, several separated by commas
hours-invalid-time = { $day }: "{ $text }" is not a time of day from 00:00 to 24:00
hours-inverted = { $day }: opening hours { $opening } must end after they start
hours-overlap = { $day }: opening hours { $first } and { $second } overlap
hours-none = the week has no opening hours
hours-holiday = cannot read holiday "{ $text }"; write dates like 2025-12-25

# A saved reply's shortcut and the variables of its text. $open, $close, $example and
# $variable are written as a reply's text writes them: {{, }}, {{visitor.name}}.

shortcut-missing = give a shortcut agents type after /, such as refund
shortcut-too-long = keep the shortcut to { $max } characters
shortcut-characters = use only lowercase letters, digits, - and _ in a shortcut, such as refund-policy
template-unclosed = close every { $open } with { $close } on the same line, as in { $example }
template-unknown = { $variable } is not a variable; use { $known }
template-long-fallback = keep the fallback of { $variable } to { $max } characters
