# E-Mails an Anfragende zu ihren Tickets, auf Deutsch. Dieselben Nachrichten und
# Variablen wie auf Englisch (i18n/tests/catalogs.rs).

subject-your-request = Ihre Anfrage
ticket-with-subject = Ticket #{ $number } ({ $subject })
ticket-only = Ticket #{ $number }
greeting-named = Hallo { $name },
greeting = Hallo,
signature-fallback = Support

ack-opening = Vielen Dank, dass Sie sich an { $workspace } gewandt haben. Wir haben Ihre Anfrage erhalten und das Ticket #{ $number } eröffnet.
ack-confirmed-opening = Vielen Dank für die Bestätigung Ihrer Adresse. Hier ist Ihre Anfrage an { $workspace }, Ticket #{ $number }.
ack-subject = Betreff: { $subject }
ack-you-wrote = Sie schrieben:
next-steps-by = Wie es weitergeht: Wir möchten Ihnen bis { $when } antworten.
next-steps-soon = Wie es weitergeht: Wir antworten Ihnen so bald wie möglich.
ack-add-anything = Um etwas zu ergänzen, antworten Sie auf diese E-Mail und lassen Sie [#{ $number }] im Betreff stehen.

neutral-received = Wir haben Ihre Anfrage #{ $number } an { $workspace } erhalten.
neutral-confirm =
    { $days ->
        [one] Um zu bestätigen, dass dies Ihre Adresse ist, und fortzufahren, antworten Sie auf diese E-Mail oder öffnen Sie diesen Link (er ist { $days } Tag gültig):
       *[other] Um zu bestätigen, dass dies Ihre Adresse ist, und fortzufahren, antworten Sie auf diese E-Mail oder öffnen Sie diesen Link (er ist { $days } Tage gültig):
    }
neutral-until = Bis dahin wiederholen wir nichts aus Ihrer Anfrage per E-Mail.
neutral-ignore = Wenn Sie sich nicht an { $workspace } gewandt haben, können Sie diese E-Mail ignorieren.

reminder-waiting = Wir warten auf Ihre Antwort zu { $ticket }.
reminder-close = Wenn wir bis { $when } nichts von Ihnen hören, schließen wir es. Antworten Sie auf diese E-Mail, damit es offen bleibt.
closed-silence =
    { $days ->
        [one] Wir haben { $ticket } geschlossen, da wir seit { $days } Tag nichts von Ihnen gehört haben.
       *[other] Wir haben { $ticket } geschlossen, da wir seit { $days } Tagen nichts von Ihnen gehört haben.
    }
closed-follow-up = Wenn Sie weiterhin Hilfe brauchen, antworten Sie auf diese E-Mail, und wir eröffnen ein Folgeticket.

rating-resolved = Wir haben { $ticket } als gelöst markiert. Wie bewerten Sie unseren Support? Wählen Sie einen Link und bestätigen Sie:
rating-5 = Ausgezeichnet
rating-4 = Gut
rating-3 = In Ordnung
rating-2 = Schlecht
rating-1 = Sehr schlecht
rating-links-expire =
    { $days ->
        [one] Die Links sind { $days } Tag gültig. Wenn noch etwas nicht stimmt, antworten Sie auf diese E-Mail, und das Ticket wird wieder geöffnet.
       *[other] Die Links sind { $days } Tage gültig. Wenn noch etwas nicht stimmt, antworten Sie auf diese E-Mail, und das Ticket wird wieder geöffnet.
    }

date-time = { $weekday }, { $day }. { $month } { $year }, { $time } Uhr ({ $zone })
soon = bald
weekday-1 = Montag
weekday-2 = Dienstag
weekday-3 = Mittwoch
weekday-4 = Donnerstag
weekday-5 = Freitag
weekday-6 = Samstag
weekday-7 = Sonntag
month-1 = Januar
month-2 = Februar
month-3 = März
month-4 = April
month-5 = Mai
month-6 = Juni
month-7 = Juli
month-8 = August
month-9 = September
month-10 = Oktober
month-11 = November
month-12 = Dezember

rate-heading-as = Ticket #{ $number } mit { $rating } bewerten
rate-heading-ask = Wie bewerten Sie unseren Support zu Ticket #{ $number }?
rate-heading = Ticket #{ $number } bewerten
rate-your-rating = Ihre Bewertung
rate-comment = Möchten Sie noch etwas ergänzen? (optional)
rate-confirm = Bestätigen
rate-update = Aktualisieren
rate-choose = Wählen Sie eine Bewertung von 1 bis 5.
rate-thanks = Vielen Dank für Ihre Bewertung von Ticket #{ $number }
rate-rated = Sie haben unseren Support mit { $rating } von 5 bewertet.
rate-comment-saved = Ihr Kommentar wurde gespeichert.
rate-not-found-title = Bewertungslink nicht gefunden
rate-not-valid = Dieser Bewertungslink ist ungültig. Bitte verwenden Sie den Link aus unserer E-Mail unverändert.
rate-expired-title = Bewertungslink abgelaufen
rate-expired =
    { $days ->
        [one] Dieser Bewertungslink ist abgelaufen: Die Links in unserer E-Mail sind { $days } Tag gültig. Wenn Sie uns trotzdem sagen möchten, wie wir waren, antworten Sie auf diese E-Mail.
       *[other] Dieser Bewertungslink ist abgelaufen: Die Links in unserer E-Mail sind { $days } Tage gültig. Wenn Sie uns trotzdem sagen möchten, wie wir waren, antworten Sie auf diese E-Mail.
    }
rate-failed-title = Etwas ist schiefgelaufen
rate-failed = Bei uns ist etwas schiefgelaufen. Bitte versuchen Sie den Link später noch einmal.

confirm-title = Adresse bestätigen
confirm-heading = Bestätigen Sie Ihre E-Mail-Adresse
confirm-text = Bestätigen Sie, dass { $address } Ihre Adresse ist, dann senden wir Ihnen die Details der Anfrage #{ $number } und beantworten sie dort.
confirm-button = Meine Adresse bestätigen
confirm-done-heading = Ihre Adresse ist bestätigt
confirm-done-text = Wir beantworten die Anfrage #{ $number } per E-Mail.
confirm-thanks-heading = Vielen Dank
confirm-thanks-text = Ihre Adresse ist bestätigt. Wir haben Ihnen die Details der Anfrage #{ $number } geschickt und beantworten sie per E-Mail.

# Was der Server in einen Chat schreibt: sein Ende und seine Übergabe an ein Ticket

chat-ended = Dieser Chat ist beendet. Wie waren wir?
handoff-ticket = Ihre Frage ist jetzt Ticket #{ $number }.
handoff-ask-email-by = Wir möchten Ihnen bis { $when } antworten. An welche E-Mail-Adresse sollen wir unsere Antwort senden?
handoff-ask-email = An welche E-Mail-Adresse sollen wir unsere Antwort senden?
handoff-answer-by = Wir antworten Ihnen per E-Mail an { $email }, bis { $when }.
handoff-answer = Wir antworten Ihnen per E-Mail an { $email }.
handoff-confirm = Bitte bestätigen Sie zuerst diese Adresse: Antworten Sie auf die E-Mail, die wir dorthin geschickt haben, oder öffnen Sie ihren Link.

# Antworten an Besucher, die den Chat verlassen haben

away-subject = Ihr Chat mit { $team }
away-intro =
    { $count ->
        [one] Sie haben eine neue Antwort in Ihrem Chat mit { $team }:
       *[other] Sie haben { $count } neue Antworten in Ihrem Chat mit { $team }:
    }
away-wrote = { $name } schrieb:
away-attached = [{ $file } ist im Chat angehängt]
away-answer = Antworten Sie auf diese E-Mail, um im selben Chat zu antworten, oder öffnen Sie die Hilfe-Schaltfläche dort, wo Sie ihn begonnen haben, um das ganze Gespräch zu sehen.

# Mail an das Team

invite-subject = { $inviter } hat Sie eingeladen, den Support von { $workspace } auf Helpline zu beantworten
invite-hello = Hallo { $name },
invite-text =
    { $role ->
        [admin] { $inviter } hat Sie eingeladen, { $workspace } auf Helpline als Administrator beizutreten.
       *[agent] { $inviter } hat Sie eingeladen, { $workspace } auf Helpline als Agent beizutreten.
    }
invite-link =
    { $days ->
        [one] Wählen Sie hier Ihr Passwort (der Link funktioniert einmal, { $days } Tag lang):
       *[other] Wählen Sie hier Ihr Passwort (der Link funktioniert einmal, { $days } Tage lang):
    }
alert-subject = Ein Chat wartet: { $who }
alert-waited =
    { $minutes ->
        [one] { $who } wartet seit { $minutes } Minute auf eine Antwort im Live-Chat.
       *[other] { $who } wartet seit { $minutes } Minuten auf eine Antwort im Live-Chat.
    }
alert-last = Die letzte Nachricht: { $preview }
alert-answer = Antworten Sie in der Konsole: { $link }

# Die Einladungsseiten

invite-page-title = Treten Sie Ihrem Team bei
invite-page-heading = Treten Sie Ihrem Team auf Helpline bei
invite-page-for = Wählen Sie ein Passwort für { $email }.
invite-page-password = Passwort
invite-page-again = Passwort wiederholen
invite-page-create = Mein Konto anlegen
invite-page-short = Das Passwort muss mindestens { $min } Zeichen haben.
invite-page-long = Das Passwort ist zu lang.
invite-page-differ = Die beiden Passwörter stimmen nicht überein.
invite-page-welcome = Willkommen an Bord
invite-page-ready = Ihr Konto ist bereit.
invite-page-sign-in = In der Konsole anmelden
invite-page-has-account = Sie haben bereits ein Konto
invite-page-spent-heading = Diese Einladung ist nicht mehr gültig
invite-page-spent = Sie wurde schon benutzt oder ist abgelaufen. Bitten Sie eine Administratorin oder einen Administrator Ihres Teams um eine neue.
