# The agent console: everything an agent reads in it, in English. Every other locale
# has exactly these messages with the same variables (i18n/tests/catalogs.rs).

# Shared by several pages

loading = Loading…
unreachable-retrying = Can't reach Helpline right now. Retrying…
error-network = Can't reach the server. Check your connection and try again.
error-too-many-requests = You're sending requests too quickly. Please wait a moment and try again.
error-unexpected = The server sent an answer this page does not understand.
status-reconnecting = Reconnecting…
skip-to-conversation = Skip to conversation
skip-to-main = Skip to main content
# Ages of a conversation or an article.
age-just-now = just now
age-minutes = { $count } min ago
age-hours = { $count } h ago
age-yesterday = yesterday
age-days =
    { $count ->
        [one] { $count } day ago
       *[other] { $count } days ago
    }
# When a ticket's response is due; $unit is minutes, hours or days.
due-in =
    { $unit ->
        [minutes] due in { $count } min
        [hours] due in { $count } h
       *[days] { $count ->
            [one] due in { $count } day
           *[other] due in { $count } days
        }
    }
overdue-by =
    { $unit ->
        [minutes] overdue by { $count } min
        [hours] overdue by { $count } h
       *[days] { $count ->
            [one] overdue by { $count } day
           *[other] overdue by { $count } days
        }
    }
# File sizes; $size is a number with one decimal, already written as the locale writes it.
file-size-bytes =
    { $count ->
        [one] { $count } byte
       *[other] { $count } bytes
    }
file-size-kilobytes = { $count } KB
file-size-megabytes = { $size } MB

# Sign-in

login-intro = Sign in to answer your visitors.
login-email = Email
login-password = Password
login-submit = Sign in

# Top bar

nav-label = Sections
nav-inbox = Inbox
nav-tickets = Tickets
nav-help-center = Help center
nav-reports = Reports
nav-audit = Audit log
nav-settings = Settings
sign-out = Sign out
status-label = Your status
status-online = Online
status-away = Away
status-do-not-disturb = Do not disturb
notifications-enable = Enable desktop notifications
sound = Sound
language-label = Language

# Not found

not-found-to-inbox = Go to the inbox
not-found-page = Page not found
not-found-page-missing = This page does not exist, or is not in your workspace.
not-found-conversation = Conversation not found
not-found-conversation-missing = This conversation does not exist, or is not in your workspace.
not-found-article = Article not found
not-found-article-missing = This article does not exist, or is not in your workspace.
not-found-ticket = Ticket not found
not-found-ticket-missing = This ticket does not exist, or is not in your workspace.

# Ticket fields, by their wire names

ticket-status-new = New
ticket-status-open = Open
ticket-status-pending = Pending
ticket-status-resolved = Resolved
ticket-status-closed = Closed
priority-low = Low
priority-medium = Medium
priority-high = High
priority-critical = Critical
ticket-type-question = Question
ticket-type-configuration = Configuration
ticket-type-bug = Bug
ticket-type-feature_request = Feature request
team-first_line = First line
team-engineering = Engineering
detail-affected = Who is affected
detail-expected = What they tried to do or want
detail-actual = What happened instead
detail-steps = Steps just before
detail-error_message = Error messages shown
detail-environment = Browser, system and app version
detail-since = Since when
detail-reported_before = Reported before
detail-deadline = Deadline

# Inbox

inbox-loading = Loading conversations…
inbox-empty = No conversations here
inbox-title = Conversations
inbox-show = Show
inbox-view-all = All
inbox-view-mine = Mine
# $team is a team's name.
inbox-view-team = Team: { $team }
inbox-status = Status
inbox-search = Search conversations
inbox-search-placeholder = Name, email or message
inbox-no-messages = No messages yet
show-more = Show more
you = You
unassigned = Unassigned
# An agent whose name is not known yet; $id is their number.
agent-number = Agent #{ $id }
try-again = Try again
# A part of the app fetched when first needed (a screen, the uploader) did not arrive.
part-not-loaded = This part of the console could not be loaded. Check your connection and try again.
retry = Retry

# Who holds a chat and its status

chat-status-open = Open
chat-status-snoozed = Snoozed
chat-status-resolved = Resolved
ownership = Ownership
assignee = Assignee
team = Team
agent-offline = { $name } (offline)
resolve = Resolve
reopen = Reopen
snooze = Snooze
snooze-choose = Snooze…
snooze-hour = 1 hour
snooze-day = 1 day
snooze-week = 1 week

# The open conversation

conversation-pane = Conversation pane
conversation-select = Select a conversation to read it and reply.
conversation-loading = Loading conversation…
conversation = Conversation
visitor-typing = Visitor is typing…
message-sending = Sending…
message-failed = Failed
note-label = Note · only agents see this
# History entries. $actor is an agent's name or Helpline; $target is one of the
# history-target messages.
history-target-agent = { $agent } ({ $team })
history-target-queue = the { $team } queue
history-assigned = { $actor } assigned this chat to { $target }
history-routed = Routed to { $target }
history-returned-offline = Returned to { $target }: the assignee was offline
history-returned-deactivated = Returned to { $target }: the assignee was deactivated
history-snoozed = { $actor } snoozed this chat until { $until }
history-resolved = { $actor } resolved this chat
history-opened-again = The chat opened again
history-reopened = { $actor } reopened this chat
history-emailed =
    { $count ->
        [one] The visitor was away: { $count } reply emailed to { $to }
       *[other] The visitor was away: { $count } replies emailed to { $to }
    }

# Composer

composer-note = Note
composer-reply = Reply
composer-note-placeholder = Write a note for your team; the visitor never sees it
composer-reply-placeholder = Write a reply…
composer-write = Write
attach-files = Attach files
composer-hint = Enter to send, Shift+Enter for a new line, / for saved replies
composer-add-note = Add note
composer-send = Send
chat-sending-too-fast = You're sending messages too quickly. They will go out in a moment.
message-not-delivered = Not delivered.
# The browser tab's title; the number of chats waiting goes in front of it.
console-title = Helpline console
alert-new-chat = New chat
alert-new-message = New message

# The visitor panel

visitor = Visitor
identity-verified-hash = Verified with user_hash
identity-verified-token = Verified with an identity token
identity-unverified = Unverified: what the host page claims, not proven
fact-name = Name
fact-email = Email
fact-user-id = User id
fact-company-id = Company id
fact-page = Page
fact-browser = Browser
fact-first-seen = First seen
fact-last-seen = Last seen
fact-verified = verified
fact-claims = claims
unknown = Unknown
# A browser and the system it runs on, e.g. "Chrome 126 on Linux".
browser-on-system = { $browser } on { $system }
browser-unknown-on-system = A browser on { $system }
browser-unknown = Unknown browser

# Support access

access-title = Support access
access-unavailable = Not available: support access needs a visitor verified by the host app.
access-level-view = View only
access-level-act = Act on their behalf
duration-hours =
    { $count ->
        [one] { $count } hour
       *[other] { $count } hours
    }
duration-days =
    { $count ->
        [one] { $count } day
       *[other] { $count } days
    }
actor-agent = agent
actor-user = user
actor-host = host app
# $level is access-level-view or access-level-act; $until a date and time.
access-granted-until = { $level } until { $until }
access-none = No access
access-asked = { $level } for { $duration }, asked by { $agent }
access-requested = Requested, waiting for their answer
access-action-by = by { $actor },
access-recent = Recent actions
access-request = Request access
access-level = Level
access-for = For

# Escalating a chat to a ticket

handoff-end-question = End this chat? The visitor will be asked to rate it.
handoff-ended = Chat ended. The visitor is asked to rate it.
handoff-escalate = Escalate to ticket
handoff-end = End chat
# $number is the ticket's number.
handoff-created = Ticket #{ $number } created
handoff-title = Escalate to an email ticket
field-subject = Subject
field-type = Type
field-priority = Priority
handoff-email = Visitor's email
handoff-email-hint = Optional. Without it, the messenger asks the visitor where the answer should go.
handoff-create = Create ticket
cancel = Cancel

# Saved replies in a reply box

# $error says why.
replies-load-failed = Saved replies could not be loaded: { $error }
replies-loading = Loading saved replies…
replies-label = Saved replies

# Tickets

tickets-views = Ticket views
tickets-queue = Queue
tickets-ratings = Ratings
tickets-loading = Loading tickets…
tickets-none-match = No tickets match these filters.
tickets-col-ticket = Ticket
tickets-col-requester = Requester
tickets-col-due = Due
tickets-no-address = No address yet
tickets-nothing-owed = Nothing owed
tickets-breached = Breached
filters-label = Filter tickets
filters-search = Search tickets
filters-search-placeholder = Number, subject or requester
filters-statuses = Statuses shown
filters-any-priority = Any priority
filters-any-type = Any type
filters-anyone = Anyone
filters-me = Me
filters-breached-only = Breached only

# Help center

help-sections = Help center sections
help-articles = Articles
help-insights = Insights

# Settings

save = Save
saved = Saved
settings-title = Workspace settings
settings-back = Back to inbox
settings-workspace = Workspace
settings-app-id = App ID
settings-snippet = Embed snippet
# $tag is the closing body tag, which a catalog cannot hold (it would end the element the
# catalog travels in).
settings-snippet-hint = Paste this into every page that should show the messenger, just before { $tag }.
settings-origins = Allowed origins
settings-origins-hint = Sites that may embed the messenger, one origin per line, e.g. https://www.example.com
appearance-title = Messenger appearance
appearance-language = Default language
appearance-language-hint = The messenger speaks the language your app passes, else the visitor's browser language if it is English, German, Spanish or Arabic, else this one.
appearance-theme = Colours
appearance-theme-auto = Follow the visitor's system
appearance-theme-light = Light
appearance-theme-dark = Dark

# The brand: colour, logo, launcher side and the workspace's own words

brand-colour = Brand colour
brand-colour-hint = The launcher, the visitor's messages and the buttons. The text on it is white or black, whichever is readable; links get a shade readable on light and dark backgrounds.
brand-preview = Help
brand-logo = Logo
brand-logo-hint = PNG, JPEG, GIF or WebP, up to 256 KB, in the messenger's header.
brand-logo-current = Current logo
brand-logo-remove = Remove logo
brand-position = Launcher position
brand-position-right = Bottom right
brand-position-left = Bottom left
brand-words = Your own words
brand-words-hint = Empty fields keep Helpline's words in that language.
brand-words-language = Language
brand-launcher-label = Launcher label
brand-greeting = Greeting
brand-away-message = Away message
brand-words-save = Save words

# The open ticket

ticket-choose = Choose a ticket in the queue.
ticket-loading = Loading ticket…
ticket-back = Back to queue
ticket-needs-email = Waiting for the visitor's email address. Replies go out once they give one.
unsaved-changes = Unsaved changes
details-escalate = Escalate to engineering
details-back-to-first-line = Back to first line
details-team = Team:
details-nothing-missing = Nothing missing: engineers have what they need.
details-still-missing = Still missing:
details-title = Engineering details
details-save = Save details
# The question before escalating is these sentences in a row.
escalate-nothing-missing = Every detail engineers need is filled in.
# $details lists the details' names.
escalate-missing = Still missing: { $details }.
escalate-unsaved = The details form has unsaved changes; save them first to include them.
escalate-ask = Escalate to engineering?
not-given = Not given
not-given-yet = Not given yet
requester-unconfirmed = not confirmed: mail to it repeats nothing they wrote
requester-user-id = Host user ID
requester-company-id = Company ID
followers = Followers
followers-hint = Copied on public replies.
context = Context
satisfaction = Satisfaction
rating-out-of-five = { $rating } out of 5
open-chat = Open the chat
transcript-summary =
    { $count ->
        [one] Chat transcript ({ $count } message)
       *[other] Chat transcript ({ $count } messages)
    }
ticket-reply-hint = Replies are emailed to { $email }. Internal notes are seen by agents only.
ticket-reply-hint-no-address = Replies are emailed once the requester gives an address. Internal notes are seen by agents only.
ticket-send-reply = Send reply
ticket-add-note = Add internal note
ticket-ask-info = Ask for more info
file-uploading = Uploading { $name }
file-ready = Ready
file-remove = Remove
files-attached = Attached files
thread-title = Thread and history
thread-show-original = Show original
thread-attached = Attached:
thread-public-reply = Public reply
thread-customer = Customer
thread-internal-note = Internal note
thread-new-ticket = New ticket
thread-show-auto-reply = Show the automatic reply
# $reason says why a file was not kept.
thread-file-not-kept = not kept: { $reason }; it is in the original

# Ticket history. $who is a name or one of the event-by messages; $field is status,
# priority, type or team; $old and $new are values in words.

event-by-agent = An agent
event-by-requester = The requester
event-changed-from-to =
    { $field ->
        [status] { $who } changed status from { $old } to { $new }
        [priority] { $who } changed priority from { $old } to { $new }
        [type] { $who } changed type from { $old } to { $new }
       *[team] { $who } changed team from { $old } to { $new }
    }
event-set =
    { $field ->
        [status] { $who } set status to { $new }
        [priority] { $who } set priority to { $new }
        [type] { $who } set type to { $new }
       *[team] { $who } set team to { $new }
    }
event-cleared =
    { $field ->
        [status] { $who } cleared status (was { $old })
        [priority] { $who } cleared priority (was { $old })
        [type] { $who } cleared type (was { $old })
       *[team] { $who } cleared team (was { $old })
    }
event-changed =
    { $field ->
        [status] { $who } changed status
        [priority] { $who } changed priority
        [type] { $who } changed type
       *[team] { $who } changed team
    }
event-created = { $who } opened the ticket
# $source is chat, widget_form, email or api.
event-created-from =
    { $source ->
        [chat] { $who } opened the ticket from a chat
        [widget_form] { $who } opened the ticket with the messenger's email form
        [email] { $who } opened the ticket by email
       *[api] { $who } opened the ticket through the API
    }
# $source is an unknown way in, in words.
event-created-other = { $who } opened the ticket ({ $source })
event-replied = { $who } replied
event-noted = { $who } added an internal note
event-wrote = { $who } wrote
event-assigned = { $who } assigned the ticket to { $new }
event-reassigned = { $who } reassigned the ticket from { $old } to { $new }
event-unassigned = { $who } unassigned { $old }
event-assignee-changed = { $who } changed the assignee
event-escalated = { $who } escalated the ticket to engineering
event-sent-back = { $who } sent the ticket back to first line
event-tags-set = { $who } set the tags to { $tags }
event-tags-removed = { $who } removed the tags
event-delivery-failed = An email could not be delivered
event-delivery-deferred-attempt = An email could not be delivered yet (attempt { $attempt }); it will be retried
event-delivery-deferred = An email could not be delivered yet; it will be retried
event-followers-named = Now following: { $addresses }
event-followers = People copied on the mail now follow the ticket
event-reminder-sent = A reminder was sent to the requester
event-rated-stars = { $who } rated the ticket { $rating } out of 5
event-rated = { $who } rated the ticket
event-auto-reply = An automatic reply arrived (not answered)
event-details-changed = { $who } updated the engineering details
event-requester-address = { $who } set the requester's address to { $address }
event-requester-changed = { $who } changed the requester
event-mail-withheld = No acknowledgement was sent: the address is unverified and had its mail for today
event-address-verified-reply = The requester confirmed their address by replying
event-address-verified-link = The requester confirmed their address with the emailed link
event-address-verified = The requester's address was confirmed
field-tags = Tags
ticket-tags-placeholder = billing, export
ticket-discard-question = The engineering details of this ticket have unsaved changes. Discard them?
# Ticket and chat numbers are identifiers, passed as text.
ticket-number = Ticket #{ $number }
chat-number = Chat { $id }
ratings-loading = Loading ratings…
ratings-none = No ratings yet.
# $average has one decimal, already written as the locale writes it.
ratings-average =
    { $count ->
        [one] Average { $average } out of 5, from { $count } rating
       *[other] Average { $average } out of 5, from { $count } ratings
    }
ratings-col-rating = Rating
ratings-col-comment = Comment
ratings-col-rated = Rated
ratings-hint = The newest ratings requesters and chat visitors gave, 1 (bad) to 5 (great).
ratings-no-comment = No comment
ratings-of-five = { $rating } / 5
article-discard-question = This article has unsaved changes. Leave and discard them?
article-deleted = Deleted “{ $title }”
ticket-agent-number = Agent { $id }
none = None
delete = Delete
field-title = Title
field-category = Category
articles-loading = Loading articles…
articles-none = No articles yet. Write the first one.
articles-col-updated = Updated
article-new = New article
article-draft = Draft
article-published = Published
article-loading = Loading article…
article-back = Back to articles
article-draft-saved = Draft saved
article-unpublished = Unpublished: visitors no longer see it
article-slug = Slug
article-slug-hint = The article's address, e.g. how-do-i-get-a-refund. Left empty, it is made from the title.
article-no-category = No category
article-locale = Locale (optional)
article-tags-hint = Separate tags with commas.
article-body = Body
article-body-hint = Markdown: **bold**, _italic_, # headings, - lists, [links](https://…), tables.
article-save-changes = Save changes
article-save-draft = Save draft
article-unpublish = Unpublish
article-publish = Publish
article-confirm-deletion = Confirm deletion
article-delete-question = Delete this article for good?
article-delete = Delete article
categories = Categories
categories-loading = Loading categories…
categories-none = No categories yet.
category-add-title = Add a category
category-name = Category name
category-description = Description (optional)
category-order = Order
category-order-hint = Lower numbers come first; 0 if left empty.
category-order-invalid = The order is a whole number, such as 0 or 10.
category-add = Add category
preview = Preview
preview-hint = The body, as visitors will see it, appears here as you type.
insights-loading = Loading insights…
insights-no-articles = No articles yet.
insights-no-answers = No answers
# A share in percent, e.g. "75%".
percent = { $share }%
insights-col-article = Article
insights-col-views = Views
insights-col-visitors = Visitors
insights-col-helpful = Helpful
insights-col-not-helpful = Not helpful
insights-col-helpfulness = Helpfulness
insights-articles-hint = Most viewed first. Helpfulness is the share of “yes” answers to “Did this answer your question?”.
insights-no-missed = Every search found at least one article.
insights-col-search = Search
insights-col-last-searched = Last searched
insights-missed = Searches with no results
insights-missed-hint = What visitors looked for and did not find: candidates for the next articles.

# Reports

field-from = From
field-to = To
report-dates = Dates
report-show = Show report
report-last-7 = Last 7 days
report-last-30 = Last 30 days
report-this-month = This month
report-loading = Loading the report…
# $from and $to are dates, $zone a time zone.
report-covers = { $from } to { $to }, in { $zone }. Durations count business hours only.
report-csv = Download CSV
report-chats = Chats
report-started = Started
report-created = Created
report-resolved = Resolved
report-first-median = First response, median
report-first-p90 = First response, 90th percentile
report-resolution-median = Resolution, median
report-resolution-p90 = Resolution, 90th percentile
report-sla = Ticket SLA
report-first-on-time = First responses on time
report-next-on-time = Next responses on time
report-breaches = Breaches
report-csat = CSAT (rated 4 or 5)
report-average-rating = Average rating
report-chats-tickets = Chats / tickets
report-deflection = Help center deflection
report-deflected-searches = Searches without a chat or ticket
report-deflected-views = Article views without a chat or ticket
# $average has two decimals, already written as the locale writes it.
report-average = { $average } / 5
report-measured = { $duration } ({ $count } measured)
report-share-of = { $share }% ({ $part } of { $whole })
report-deflected = { $share }% ({ $part } of { $whole }; { $total } in all)
report-too-recent = { $count } too recent to tell
elapsed-seconds = { $count } s
elapsed-minutes = { $count } min
# $minutes has two digits.
elapsed-hours-minutes = { $hours } h { $minutes } min
elapsed-hours = { $count } h
weekday-1 = Monday
weekday-2 = Tuesday
weekday-3 = Wednesday
weekday-4 = Thursday
weekday-5 = Friday
weekday-6 = Saturday
weekday-7 = Sunday
weekday-short-1 = Mon
weekday-short-2 = Tue
weekday-short-3 = Wed
weekday-short-4 = Thu
weekday-short-5 = Fri
weekday-short-6 = Sat
weekday-short-7 = Sun
# $day is a weekday's name; $from and $to are times such as 09:00.
hour-range = { $day } { $from }–{ $to }
volume = Volume
volume-title = Chats and tickets per day
volume-description =
    { $chats } chats started and { $tickets } tickets created over { $days } days; the busiest day was { $date } with { $day_chats } chats and { $day_tickets } tickets.
volume-description-empty = No chats or tickets over { $days } days.
volume-bar-chats = { $date }: { $count } chats started
volume-bar-tickets = { $date }: { $count } tickets created
chats-started = Chats started
tickets-created = Tickets created
volume-table = Numbers per day
volume-col-date = Date
volume-col-chats-resolved = Chats resolved
volume-col-tickets-resolved = Tickets resolved
volume-col-breaches = SLA breaches
hours = Busiest hours
hours-title = Chats and tickets by hour of the week
# $hour is an hour-range.
hours-description = The busiest hour was { $hour }, with { $chats } chats and { $tickets } tickets.
hours-description-empty = No chats or tickets arrived in this range.
hours-cell = { $hour }: { $chats } chats, { $tickets } tickets
hours-table = Hours with requests
hours-col-hour = Hour
# $scores lists ratings-rated-score messages.
ratings-description = { $count } ratings, average { $average }: { $scores }.
ratings-rated-score = { $count } rated { $score }
ratings-description-empty = No ratings in this range.
ratings-bar = Rated { $score }: { $count }
ratings-chart-title = Ratings by score
ratings-table = Ratings per score
ratings-col-score = Score

# Audit log

audit-access-requested = Access requested
audit-access-declined = Access declined
audit-access-granted = Access granted
audit-access-revoked = Access revoked
audit-access-expired = Access expired
audit-access-action = Actions under a grant
audit-workspace = Workspace settings
audit-agents = Agents
audit-filters = Filters
audit-action = Action
audit-show = Show entries
audit-none = No entries match these filters.
audit-loading = Loading the audit log…
audit-load-more = Load more
# $kind is actor-agent, actor-user, actor-host or Helpline.
audit-who = { $actor } ({ $kind })
audit-col-time = Time
audit-col-who = Who
audit-col-user = User
audit-col-summary = Summary
audit-col-change = Change

# Identity verification and API keys

identity-title = Identity verification
identity-show-secret = Show secret
identity-rotate-secret = Rotate secret
identity-require = Require verified identity: refuse identify calls without a valid user_hash or identity_token
api-keys = API keys
api-keys-hint = Your backend sends one as Authorization: Bearer <key> to create tickets for your users.
api-keys-loading = Loading keys…
api-keys-none = No API keys yet.
api-key-delete-question = Delete the key “{ $name }”? Backends that use it can no longer create tickets.
api-key-delete-label = Delete key { $name }
# $at is a date and time.
api-key-created = created { $at }
api-key-fresh = The key “{ $name }”. Copy it now: it is shown only once.
api-key-name = Key name
api-key-name-hint = What uses it, e.g. Billing backend.
api-key-create = Create key

# Team

team-role-admin-word = admin
team-role-agent-word = agent
team-invite-until = until { $at }
team-col-agent = Agent
team-col-role = Role
team-col-capacity = Open chats / capacity
team-col-teams = Teams
team-col-access = Access
team-invitations = Invitations waiting
# $team is a team's name.
team-member-of = { $name } in { $team }
team-reactivate = Reactivate
team-deactivate = Deactivate
team-deactivate-question = Deactivate this agent? Their sessions end and their chats go back to the queue.
team-role-of = Role of { $name }
team-capacity-of = Capacity of { $name }
team-online = online
team-admin = Admin
team-invite-sent = Invitation sent to { $email }
team-invite-title = Invite an agent
team-invite-send = Send invitation

# Saved replies in settings

edit = Edit
replies-none = No saved replies yet.
replies-hint = Answers agents insert into a chat or ticket reply by typing / and the shortcut, e.g. /refund.
reply-saved = Saved /{ $shortcut }
reply-delete-question = Delete the saved reply /{ $shortcut }?
reply-deleted = Deleted /{ $shortcut }
reply-edit-label = Edit /{ $shortcut }
reply-delete-label = Delete /{ $shortcut }
reply-change = Change saved reply
reply-new = New saved reply
reply-shortcut = Shortcut
reply-shortcut-hint = Typed after /: lowercase letters, digits, - and _.
reply-text = Reply text
# $variables lists the variables in their double braces; $fallback is an example of a
# fallback, {{visitor.first_name|there}}.
reply-text-hint = Variables: { $variables }. In a ticket the visitor is the requester. { $fallback } writes "there" when the name is not known.
reply-add = Add saved reply

# Support hours

check-fields = Please check the highlighted fields.
support-days-invalid = enter a whole number of days, such as 3
support-requests-invalid = enter a whole number of requests, or leave it empty
support-title = Support hours
support-hint = Response targets are counted in these hours: critical 8 working hours, high 12, medium 24, low 2 working days.
support-time-zone = Time zone
support-time-zone-hint = An IANA time zone name, such as Europe/Berlin or America/New_York.
support-weekly = Weekly hours
support-weekly-hint = Empty for closed, 09:00-17:00, or 09:00-12:00, 13:00-17:00.
support-holidays = Holidays
support-holidays-hint = Dates closed all day, one per line, e.g. 2026-12-25.
support-reminder = Reminder after (days)
support-reminder-hint = A pending ticket waits this long for the customer before one reminder.
support-close = Close after (days)
support-close-hint = A pending ticket waits this long before it is closed.
support-requests = "Email us" requests per day
support-requests-hint = More in any 24 hours are refused, which keeps a flood from reaching your inbox. Empty for the server's default.
support-default-unlimited = The server's default: no limit.
support-default = The server's default: { $count }.
support-notify = Notification address
support-notify-hint = A chat left unanswered too long is mailed to the agents online, or here when nobody is. Empty for none.
support-update = Update support hours
support-updated = Support hours updated

# Attaching a file (shared with the other app's catalog)
upload-unsupported = This browser cannot upload files.
upload-not-understood = The server's answer was not understood. Try again.
upload-not-reached = The upload did not reach the server. Try again.
upload-not-started = The upload could not start. Try again.
upload-failed = The upload failed. Try again.
upload-too-many = Too many uploads. Try again in { $seconds } s.
upload-over-limit = Files may be at most { $megabytes } MB.
