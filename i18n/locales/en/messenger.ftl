# The messenger: everything a visitor reads in it, in English. Every other locale has
# exactly these messages with the same variables (i18n/tests/catalogs.rs).

# Shared by several screens

try-again = Try again
# A part of the app fetched when first needed (a screen, the uploader) did not arrive.
part-not-loaded = This part of the messenger could not be loaded. Please check your connection and try again.
error-too-many-requests = You're sending requests too quickly. Please wait a moment and try again.
# $when is a weekday or a date with a time, as the browser writes it ("Mon 10:00").
reply-by = We'll reply by { $when }
reply-as-soon-as-possible = We'll reply as soon as we can
# File sizes; $size is a number with one decimal, already written as the locale writes it.
file-size-bytes =
    { $count ->
        [one] { $count } byte
       *[other] { $count } bytes
    }
file-size-kilobytes = { $count } KB
file-size-megabytes = { $size } MB

# Header and status area

# Until the workspace's own name is known.
header-title = Support
header-back = Back
header-close = Close
header-online = We're online
header-away = We're away — leave a message and we'll reply here
status-unreachable = We can't reach support right now. We'll keep trying.
status-reconnecting = Reconnecting…

# Conversation

chat-log-label = Conversation
chat-empty = Ask us anything — we'll reply right here.
chat-agent-typing = Support is typing…
chat-sending = Sending…
chat-retry = Retry
chat-not-delivered = Not delivered yet.
chat-sending-too-fast = You're sending messages too quickly. Please wait a moment.
chat-refused-empty = Write something before sending.
chat-refused-too-long = This message is too long. Split it into shorter ones.
chat-refused-files = Too many files for one message. Send some with the next.
chat-refused-gone = A file is no longer there. Attach it again.
chat-refused-internal = Something went wrong on our side. Please try again.
chat-refused = This message could not be sent.
# The cards under the conversation: an address for a handed-off chat, the rating.
chat-cards-label = About this chat

# Composer

# The message box's name for screen readers.
composer-label = Message
composer-placeholder = Write a message…
composer-attach = Attach files
composer-send = Send
composer-characters-left =
    { $count ->
        [one] { $count } character left
       *[other] { $count } characters left
    }
composer-characters-over =
    { $count ->
        [one] { $count } character over the limit
       *[other] { $count } characters over the limit
    }

# Attached files

attachments-label = Attached files
attachment-uploading = Uploading { $name }
attachment-cancel = Cancel
attachment-remove = Remove
attachment-retry = Retry
# A file of a message: its name and its size.
attachment-file = { $name } ({ $size })

# Screenshots

screenshot-take = Take a screenshot
screenshot-title = Screenshot
screenshot-hint = Drag over anything private to black it out. Nothing is sent until you attach it.
screenshot-canvas-label = Screenshot to send
screenshot-undo = Undo
screenshot-cancel = Cancel
screenshot-attach = Attach screenshot
screenshot-unavailable = Screenshots are not available in this browser. You can attach a picture instead.
screenshot-not-allowed = Screen capture was not allowed. You can attach a picture instead.
screenshot-no-frame = The screenshot could not be taken. You can attach a picture instead.

# Help center

help-search-label = Search help articles
help-search-placeholder = Search for help
help-results-label = Search results
help-searching = Searching…
help-no-results = No articles found
help-article-count =
    { $count ->
        [one] { $count } article
       *[other] { $count } articles
    }
help-home-loading = Loading help articles…
help-popular = Popular articles
help-topics = Browse topics
help-category-loading = Loading articles…
help-category-empty = No articles here yet.
help-article-loading = Loading the article…
help-suggestions = These might help
help-unreachable = We can't reach the help center right now. Please try again.
help-home-unavailable = Help articles are unavailable right now.
help-search-unavailable = Search is unavailable right now.
help-category-gone = This category is no longer available.
help-article-gone = This article is no longer available.

# Article feedback

help-feedback-label = Feedback
help-feedback-question = Did this answer your question?
help-feedback-yes = Yes
help-feedback-no = No
help-feedback-failed = We couldn't save your answer. Please try again.
help-feedback-thanks = Thanks for letting us know!
help-feedback-sorry = Thanks for telling us. Sorry it didn't help — we're happy to answer you ourselves.

# Ways to reach a person

contact-away = We're away right now
contact-unread =
    { $count ->
        [one] { $count } new reply
       *[other] { $count } new replies
    }
contact-chat = Chat with us
contact-email = Email us
contact-tickets = Your tickets

# The "Email us" form

ticket-form-title = Email us
ticket-form-type = Type
ticket-type-question = Question
ticket-type-configuration = Configuration
ticket-type-bug = Bug
ticket-type-feature-request = Feature request
ticket-field-email = Your email
ticket-field-name = Your name (optional)
ticket-field-subject = Subject
ticket-field-description = Description
# For a configuration question.
ticket-field-goal = What do you want to achieve?
# For a bug.
ticket-field-expected = What were you trying to do?
ticket-field-actual = What happened instead?
ticket-field-error-message = Error message shown (if any)
ticket-field-since = Since when?
ticket-form-files = Screenshots or files (optional)
ticket-form-send = Send
form-not-sent = We couldn't send this. Please check your connection and try again.
ticket-attached-title = Sent along automatically
ticket-attached-page = Page
ticket-attached-browser = Browser
ticket-attached-screen = Screen
# $browser is a browser's name and version ("Chrome 126"), $system an operating system ("Windows").
ticket-browser-on-system = { $browser } on { $system }
ticket-browser-unknown = Not known
# A checkbox: send the errors the host page showed along with the ticket.
ticket-page-errors =
    { $count ->
        [one] Send the error this page showed
       *[other] Send the { $count } errors this page showed
    }
ticket-page-errors-details = What they say
ticket-sent-title = Ticket #{ $number }
ticket-sent-email = We've emailed a confirmation to { $email }

# A chat handed off to email

handoff-question = Where should we send our answer to ticket #{ $number }?
handoff-send = Send
handoff-answered = We'll answer at { $email }

# The visitor's tickets

tickets-title = Your tickets
tickets-loading = Loading your tickets…
tickets-empty = You have no tickets yet.
tickets-unavailable = We can't load your tickets right now.
tickets-number = #{ $number }
ticket-status-needs-email = Waiting for your email address
ticket-status-new = Received
ticket-status-open = In progress
ticket-status-pending = Waiting for your reply
ticket-status-resolved = Solved
ticket-status-closed = Closed

# Rating an ended chat

rating-question = How was this chat?
# One of five buttons, for screen readers.
rating-stars = Rate { $stars } of 5
rating-comment = Comment (optional)
rating-send = Send rating
rating-thanks = Thanks for your feedback

# Support access

access-title = Support access
access-entry-requested = Support asks for access
# $time is a time of day.
access-entry-on-until = On until { $time }
access-loading = Loading…
access-unavailable = We can't load your support access settings right now.
access-unverified = Support access needs a verified account. Sign in to the app you are using; if you are signed in, the app has not confirmed who you are to us, so nobody can be given access to your account from here.
access-level-view = View only
access-level-act = Act on my behalf
access-level-view-explained = Support can see your account as you see it. They cannot change anything.
access-level-act-explained = Support can make changes in your account for you, as if they were you.
access-hours =
    { $count ->
        [one] { $count } hour
       *[other] { $count } hours
    }
access-days =
    { $count ->
        [one] { $count } day
       *[other] { $count } days
    }
access-active-title = Support has access to your account
access-active-who = Who
access-active-who-value = The support team
access-active-level = Level
access-active-until = Until
access-revoke = Revoke access
access-grant-intro = Let our support team look at your account, or fix something in it for you. Every change they make is recorded and shown here.
access-grant-level = What may support do?
access-grant-duration = For how long?
# $level is the level's wire name, view or act; $duration is access-hours or access-days.
access-grant-confirm =
    Support will have "{ $level ->
        [view] view only
       *[act] act on my behalf
    }" access for { $duration }. You can revoke it at any time.
access-grant-button = Give access
access-grant-confirm-button = Confirm access
access-request-label = Request for access
# $agent is the agent's name; $level and $duration as in access-grant-confirm.
access-request =
    { $agent } from support asks for "{ $level ->
        [view] view only
       *[act] act on my behalf
    }" access for { $duration }.
access-request-allow = Allow
access-request-decline = Decline
access-actions-title = What support did
# $summary says what was done, $actor is the agent's name, $time a date and time.
access-action = { $summary }, by { $actor } from Support, { $time }

# The messenger's name for screen readers, told apart from the host page's own main content
messenger-name = Support messenger

# The messenger opened without an app id in its address
messenger-misconfigured = This messenger is not set up correctly: its address has no app id.

# Attaching a file (shared with the other app's catalog)
upload-unsupported = This browser cannot upload files.
upload-not-understood = The server's answer was not understood. Try again.
upload-not-reached = The upload did not reach the server. Try again.
upload-not-started = The upload could not start. Try again.
upload-failed = The upload failed. Try again.
upload-too-many = Too many uploads. Try again in { $seconds } s.
upload-over-limit = Files may be at most { $megabytes } MB.
