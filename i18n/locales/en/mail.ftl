# Mail to requesters about their tickets and chats, and what the server writes into a
# chat, in English. Every other locale has exactly
# these messages with the same variables (i18n/tests/catalogs.rs). Ticket numbers
# ($number) are text, never formatted as quantities.

# The subject of mail to an address nobody has proven: "[#1001] Your request".
subject-your-request = Your request
# How a letter names the ticket: with its subject when the address is proven.
ticket-with-subject = ticket #{ $number } ({ $subject })
ticket-only = ticket #{ $number }
greeting-named = Hello { $name },
greeting = Hello,
# The signature when the support address has no display name.
signature-fallback = Support

# The acknowledgement of a new ticket

ack-opening = Thanks for contacting { $workspace }. We have received your request and opened ticket #{ $number }.
ack-confirmed-opening = Thank you for confirming your address. Here is your request to { $workspace }, ticket #{ $number }.
ack-subject = Subject: { $subject }
ack-you-wrote = You wrote:
# $when is a date and time written by date-time below.
next-steps-by = What happens next: we aim to answer by { $when }.
next-steps-soon = What happens next: we will answer as soon as we can.
ack-add-anything = To add anything, reply to this email and keep [#{ $number }] in the subject.

# The acknowledgement to an address nobody has proven yet

neutral-received = We received your request #{ $number } to { $workspace }.
neutral-confirm =
    { $days ->
        [one] To confirm that this is your address and continue, reply to this email or open this link (it works for { $days } day):
       *[other] To confirm that this is your address and continue, reply to this email or open this link (it works for { $days } days):
    }
neutral-until = Until then we will not repeat anything of your request by email.
neutral-ignore = If you did not contact { $workspace }, you can ignore this email.

# A pending ticket: the reminder, and the notice that it was closed

# $ticket is ticket-with-subject or ticket-only.
reminder-waiting = We are waiting for your reply on { $ticket }.
reminder-close = If we do not hear from you by { $when }, we will close it. Reply to this email to keep it open.
closed-silence =
    { $days ->
        [one] We have closed { $ticket } because we have not heard back from you for { $days } day.
       *[other] We have closed { $ticket } because we have not heard back from you for { $days } days.
    }
closed-follow-up = If you still need help, reply to this email and we will open a follow-up ticket.

# The satisfaction request

rating-resolved = We have marked { $ticket } as resolved. How would you rate our support? Choose a link and confirm:
rating-5 = Excellent
rating-4 = Good
rating-3 = OK
rating-2 = Poor
rating-1 = Bad
rating-links-expire =
    { $days ->
        [one] The links work for { $days } day. If something is still not right, reply to this email and the ticket reopens.
       *[other] The links work for { $days } days. If something is still not right, reply to this email and the ticket reopens.
    }

# Dates and times, in the requester's time zone when known, else the workspace's.
# $day and $year are numbers as digits, $time is "16:00", $zone an IANA name.
date-time = { $weekday } { $day } { $month } { $year }, { $time } ({ $zone })
# A moment that cannot be written as a date.
soon = soon
weekday-1 = Monday
weekday-2 = Tuesday
weekday-3 = Wednesday
weekday-4 = Thursday
weekday-5 = Friday
weekday-6 = Saturday
weekday-7 = Sunday
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December

# The page a rating link opens (it asks to confirm before anything is recorded)

rate-heading-as = Rate ticket #{ $number } as { $rating }
rate-heading-ask = How would you rate our support on ticket #{ $number }?
rate-heading = Rate ticket #{ $number }
rate-your-rating = Your rating
rate-comment = Anything to add? (optional)
rate-confirm = Confirm
rate-update = Update
rate-choose = Choose a rating from 1 to 5.
rate-thanks = Thank you for rating ticket #{ $number }
rate-rated = You rated our support { $rating } out of 5.
rate-comment-saved = Your comment is saved.
rate-not-found-title = Rating link not found
rate-not-valid = This rating link is not valid. Please use the link from our email as it is.
rate-expired-title = Rating link expired
rate-expired =
    { $days ->
        [one] This rating link has expired: the links in our email work for { $days } day. If you would still like to tell us how we did, reply to that email.
       *[other] This rating link has expired: the links in our email work for { $days } days. If you would still like to tell us how we did, reply to that email.
    }
rate-failed-title = Something went wrong
rate-failed = Something went wrong on our side. Please try the link again later.

# The page a confirmation link opens (nothing is proven until the button is pressed)

confirm-title = Confirm your address
confirm-heading = Confirm your email address
confirm-text = Confirm that { $address } is yours, and we will send you the details of request #{ $number } and answer it there.
confirm-button = Confirm my address
confirm-done-heading = Your address is confirmed
confirm-done-text = We will answer request #{ $number } by email.
confirm-thanks-heading = Thank you
confirm-thanks-text = Your address is confirmed. We have sent you the details of request #{ $number }, and we will answer it by email.

# What the server writes into a chat: its end, and its hand-off to a ticket

chat-ended = This chat has ended. How did we do?
# A chat handed off to a ticket: this sentence, then one of the four after it, then
# handoff-confirm when the address is not proven yet.
handoff-ticket = Your question is now ticket #{ $number }.
handoff-ask-email-by = We aim to answer by { $when }. Which email address should we send our answer to?
handoff-ask-email = Which email address should we send our answer to?
handoff-answer-by = We will answer by email at { $email }, by { $when }.
handoff-answer = We will answer by email at { $email }.
handoff-confirm = Please confirm that address first: reply to the email we sent there, or follow its link.

# Replies mailed to a visitor who left the chat. $team is the support address's name.

away-subject = Your chat with { $team }
away-intro =
    { $count ->
        [one] You have a new reply in your chat with { $team }:
       *[other] You have { $count } new replies in your chat with { $team }:
    }
away-wrote = { $name } wrote:
away-attached = [{ $file } is attached in the chat]
away-answer = Answer this email to reply in the same chat, or open the Help button where you started it to see the whole conversation.

# Mail to agents: an invitation to the team, in the inviting admin's language, and the
# alert about a chat waiting too long, in the workspace's default language.

invite-subject = { $inviter } invited you to answer { $workspace }'s support on Helpline
invite-hello = Hello { $name },
invite-text =
    { $role ->
        [admin] { $inviter } invited you to join { $workspace } on Helpline as an admin.
       *[agent] { $inviter } invited you to join { $workspace } on Helpline as an agent.
    }
invite-link =
    { $days ->
        [one] Choose your password here (the link works once, for { $days } day):
       *[other] Choose your password here (the link works once, for { $days } days):
    }
alert-subject = A chat is waiting: { $who }
alert-waited =
    { $minutes ->
        [one] { $who } has waited { $minutes } minute for an answer in a live chat.
       *[other] { $who } has waited { $minutes } minutes for an answer in a live chat.
    }
alert-last = Their last message: { $preview }
alert-answer = Answer in the console: { $link }

# The invitation pages, in the browser's language

invite-page-title = Join your team
invite-page-heading = Join your team on Helpline
invite-page-for = Choose a password for { $email }.
invite-page-password = Password
invite-page-again = Password again
invite-page-create = Create my account
invite-page-short = The password must have at least { $min } characters.
invite-page-long = The password is too long.
invite-page-differ = The two passwords differ.
invite-page-welcome = Welcome aboard
invite-page-ready = Your account is ready.
invite-page-sign-in = Sign in to the console
invite-page-has-account = You have an account already
invite-page-spent-heading = This invitation is not valid any more
invite-page-spent = It was used already or has expired. Ask an admin of your team for a new one.
