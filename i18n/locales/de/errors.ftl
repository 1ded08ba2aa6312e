# Die Sätze, mit denen der Server ablehnt, auf Deutsch.

# Ganze Anfragen

invalid = bitte prüfen Sie die markierten Felder
unauthorized = Melden Sie sich zuerst an
bad-credentials = E-Mail-Adresse oder Passwort ist falsch
origin-not-allowed = Anfragen von diesem Ursprung sind für diesen Arbeitsbereich nicht erlaubt
csrf = CSRF-Token fehlt oder ist ungültig
unavailable = der Server wird gerade beendet
busy = der Server ist ausgelastet; bitte versuchen Sie es gleich noch einmal
internal = bei uns ist etwas schiefgegangen; bitte versuchen Sie es noch einmal
method-not-allowed = dieser Pfad nimmt die Methode { $method } nicht an
body-too-large = die Anfrage ist größer, als dieser Endpunkt annimmt
body-too-large-max = die Anfrage ist größer, als dieser Endpunkt annimmt ({ $max } Bytes)

# Formularfelder, die jeder Weg zu einem Ticket teilt

too-long = bitte höchstens { $max } Zeichen
email-missing = geben Sie Ihre E-Mail-Adresse ein, damit wir Ihnen antworten können
email-invalid = geben Sie eine E-Mail-Adresse wie jane@example.com ein
one-line = höchstens { $max } Zeichen in einer Zeile
page-errors-too-many = senden Sie höchstens { $max } Fehler
page-errors-too-long = jeder Fehler darf höchstens { $max } Zeichen lang sein
tags-invalid = höchstens { $tags } Schlagwörter mit je höchstens { $max } Zeichen
page-url-invalid = geben Sie eine http- oder https-Adresse mit höchstens { $max } Bytes an
attributes-too-many = senden Sie höchstens { $max } Attribute
attributes-invalid = geben Sie jedem Attribut einen Namen; Namen und Werte höchstens eine Zeile mit { $max } Zeichen
files-too-many = senden Sie höchstens { $max } Dateien auf einmal
file-gone = eine Datei ist nicht mehr da: hängen Sie sie noch einmal an

# Was ein leer gelassenes Feld braucht

missing-subject-short = geben Sie einen kurzen Betreff an
missing-subject = geben Sie einen Betreff an
missing-ticket-subject = geben Sie dem Ticket einen Betreff
missing-need = sagen Sie uns, wobei Sie Hilfe brauchen
missing-description = fügen Sie eine Beschreibung hinzu
missing-tried = sagen Sie, was Sie tun wollten
missing-happened = sagen Sie, was stattdessen passiert ist
missing-goal = sagen Sie, was Sie erreichen möchten
missing-reply = schreiben Sie zuerst eine Antwort
missing-note = schreiben Sie zuerst eine Notiz
missing-reply-title = geben Sie der Antwort einen Titel, den das Team wiedererkennt
missing-reply-text = schreiben Sie den Text, den die Antwort einfügt
missing-key-name = benennen Sie den Schlüssel nach dem, was ihn nutzt
rating-range = wählen Sie eine Bewertung von 1 bis 5

# Einstellungsformulare in der Konsole

title-one-line = der Titel muss in eine Zeile passen
team-name = geben Sie einen Namen mit 1 bis { $max } Zeichen in einer Zeile ein
hours-weekly = geben Sie Öffnungszeiten für alle sieben Tage an, mit Montag zuerst
reminder-days = wählen Sie zwischen 1 und 365 Tagen
close-days = wählen Sie mehr Tage als für die Erinnerung, höchstens 365
tickets-per-day = wählen Sie zwischen 1 und 100000 Tickets pro Tag, oder lassen Sie das Feld für den Standardwert leer

# Dateien

file-empty = die Datei ist leer
file-too-large-mb = die Datei ist größer als { $mb } MB
file-type-refused = Dateien vom Typ { $type } werden nicht angenommen
file-unrecognised = der Dateityp ist nicht bekannt
file-damaged = das Bild ist beschädigt
file-name = geben Sie der Datei einen Namen mit 1 bis { $max } Zeichen
file-over-limit = eine Datei darf höchstens { $size } groß sein
files-full-agent = der Dateispeicher des Arbeitsbereichs ist voll; wenden Sie sich an eine Administratorin oder einen Administrator
files-full-visitor = gerade ist kein Platz für weitere Dateien; bitte beschreiben Sie es stattdessen in Worten
file-infected = die Datei enthält Schadsoftware ({ $name }) und wurde abgelehnt
scanner-down = Dateien können gerade nicht auf Schadsoftware geprüft werden, deshalb wird keine angenommen; versuchen Sie es später noch einmal
upload-interrupted = das Hochladen wurde unterbrochen

# Die übrigen Formulare und Aktionen der Konsole und die Seite, mit der der Messenger
# ablehnt.

# Erscheinungsbild
locale-choose = wählen Sie eine der Sprachen en, de, es oder ar
brand-colour = schreiben Sie die Farbe als #rrggbb, zum Beispiel #0b7285
locale-once = jede Sprache darf nur einmal vorkommen
keep-to = bitte höchstens { $max } Zeichen
control-characters = entfernen Sie die Steuerzeichen
logo-type = verwenden Sie ein PNG-, JPEG-, GIF- oder WebP-Bild

# Artikel und Kategorien
article-title-length = ein Titel hat 1 bis { $max } Zeichen
article-body-length = ein Artikel darf höchstens { $max } Zeichen haben
article-too-deep =
    { $max ->
        [one] dieser Text verschachtelt Zitate, Listen oder HTML-Elemente tiefer als { $max } Ebene; vereinfachen Sie die Struktur, damit er angezeigt werden kann
       *[other] dieser Text verschachtelt Zitate, Listen oder HTML-Elemente tiefer als { $max } Ebenen; vereinfachen Sie die Struktur, damit er angezeigt werden kann
    }
article-slug-invalid = „{ $slug }“ ist kein gültiger Slug: verwenden Sie Kleinbuchstaben, Ziffern, „-“ und „/“
article-slug-missing = geben Sie einen Slug an: der Titel enthält keine Buchstaben oder Ziffern
article-slug-taken = ein anderer Artikel verwendet den Slug „{ $slug }“ bereits
article-category-missing = die Kategorie { $id } gibt es nicht
article-tag-length = Schlagwörter haben höchstens { $max } Zeichen in einer Zeile
article-tags-count =
    { $max ->
        [one] höchstens { $max } Schlagwort
       *[other] höchstens { $max } Schlagwörter
    }
article-locale = „{ $locale }“ ist keine Sprachangabe wie en oder pt-BR
category-name-length = ein Kategoriename hat 1 bis { $max } Zeichen
category-name-taken = eine Kategorie namens „{ $name }“ gibt es bereits

# Agenten und Einladungen
capacity-range =
    { $max ->
        [one] die Kapazität liegt zwischen 0 und { $max } offenen Chat
       *[other] die Kapazität liegt zwischen 0 und { $max } offenen Chats
    }
own-admin-rights = bitten Sie eine andere Administratorin oder einen anderen Administrator: Sie können sich nicht selbst die Adminrechte entziehen oder sich deaktivieren
last-admin = ein Arbeitsbereich behält mindestens eine aktive Administratorin oder einen aktiven Administrator
no-such-agent = diesen Agenten gibt es nicht
agent-deactivated = { $name } ist deaktiviert
already-agent = { $email } ist bereits Agent
invitations-waiting =
    { $count ->
        [one] { $count } Einladung wartet bereits
       *[other] { $count } Einladungen warten bereits
    }
mail-address-refused = an diese Adresse kann keine E-Mail gehen: { $error }

# Gespeicherte Antworten
shortcut-taken = eine andere gespeicherte Antwort verwendet das Kürzel /{ $shortcut } bereits
saved-replies-full =
    { $max ->
        [one] dieser Arbeitsbereich hat { $max } gespeicherte Antwort, so viele, wie er haben darf; löschen Sie sie, bevor Sie eine neue anlegen
       *[other] dieser Arbeitsbereich hat { $max } gespeicherte Antworten, so viele, wie er haben darf; löschen Sie eine, bevor Sie eine neue anlegen
    }

# Chats und Tickets
search-too-long = suchen Sie nach höchstens { $max } Zeichen
snooze-range = ein Zurückstellen endet in der Zukunft, innerhalb eines Jahres
snooze-until = geben Sie an, bis wann
snooze-not-snoozed = nur ein zurückgestellter Chat hat ein Ende der Zurückstellung
chat-already-ticket = dieser Chat ist bereits Ticket #{ $number }
notes-no-files = interne Notizen nehmen keine Dateien an; hängen Sie sie an eine Antwort an
reply-files-too-many =
    { $max ->
        [one] senden Sie höchstens { $max } Datei mit einer Antwort
       *[other] senden Sie höchstens { $max } Dateien mit einer Antwort
    }
file-gone-upload = eine Datei ist nicht mehr da: laden Sie sie noch einmal hoch
ticket-has-address = Ticket #{ $number } hat bereits eine Adresse
ticket-transition = ein Ticket kann nicht von „{ $from }“ zu „{ $to }“ wechseln
ticket-state-new = neu
ticket-state-open = offen
ticket-state-pending = wartend
ticket-state-resolved = gelöst
ticket-state-closed = geschlossen
ticket-closed = das Ticket ist geschlossen; es kann nicht wieder geöffnet werden, eröffnen Sie ein neues
ticket-foreign-agent = der Agent gehört nicht zum Arbeitsbereich des Tickets
ticket-duplicate = das Ticket hat diese Nachricht bereits
ticket-no-address = die anfragende Person hat noch keine E-Mail-Adresse angegeben
ticket-stale = das Ticket hat sich inzwischen geändert

# Berichte
report-too-long =
    { $max ->
        [one] ein Bericht umfasst höchstens { $max } Tag; dieser Zeitraum hat { $days }
       *[other] ein Bericht umfasst höchstens { $max } Tage; dieser Zeitraum hat { $days }
    }
report-from-missing = geben Sie den ersten Tag des Berichts als JJJJ-MM-TT an
report-to-missing = geben Sie den letzten Tag des Berichts als JJJJ-MM-TT an
report-from-unreadable = { $text } ist kein lesbares Datum; schreiben Sie den ersten Tag wie 2026-03-31
report-to-unreadable = { $text } ist kein lesbares Datum; schreiben Sie den letzten Tag wie 2026-03-31
report-backwards = der letzte Tag ({ $to }) liegt vor dem ersten ({ $from })
report-out-of-range = die Daten liegen außerhalb des Kalenderbereichs

# Supportzugriff
access-duration = wählen Sie, wie lange der Support Zugriff haben darf: 1 Stunde, 24 Stunden oder 7 Tage
access-already-granted = der Support hat bereits Zugriff bis { $until }; widerrufen Sie ihn zuerst, um ihn anders zu gewähren
access-visitor-not-verified = die Person ist von der Host-Anwendung nicht verifiziert und kann daher keinen Zugriff auf ein Konto gewähren
access-already-requested = die Person hat bereits eine offene Anfrage; warten Sie auf ihre Antwort
grant-inactive = die Freigabe wurde widerrufen oder ist abgelaufen
grant-inactive-action = die Freigabe wurde widerrufen oder ist abgelaufen: unter ihr darf nichts mehr getan werden
grant-actions-full =
    { $max ->
        [one] eine Freigabe hält höchstens { $max } Aktion fest; bitten Sie die Person um eine neue Freigabe
       *[other] eine Freigabe hält höchstens { $max } Aktionen fest; bitten Sie die Person um eine neue Freigabe
    }
no-such-grant = diese Freigabe gibt es nicht
field-empty = dieses Feld darf nicht leer sein
one-line-text = verwenden Sie eine Zeile Text
at-most-chars = verwenden Sie höchstens { $max } Zeichen

# Webhook und erlaubte Ursprünge
webhook-url = verwenden Sie eine http- oder https-URL wie https://app.example/helpline-webhook
origin-not-url = „{ $origin }“ ist keine URL
origin-scheme = „{ $origin }“ muss http oder https verwenden
origin-not-bare = „{ $origin }“ darf nur aus Schema, Host und Port bestehen (ohne Pfad, Abfrage oder Zugangsdaten)
origins-too-many =
    { $max ->
        [one] höchstens { $max } Ursprung darf erlaubt werden
       *[other] höchstens { $max } Ursprünge dürfen erlaubt werden
    }

# Die Seite des Messengers, wenn er für einen Host nicht laufen kann
messenger-internal = Bei uns ist etwas schiefgegangen.
messenger-no-workspace = Es gibt keinen Arbeitsbereich mit dieser App-ID.
messenger-not-allowed = Diese Website darf diesen Messenger nicht einbetten.

# Geschäftszeiten in den Support-Einstellungen

hours-unknown-zone = unbekannte Zeitzone „{ $name }“; verwenden Sie einen IANA-Namen wie Europe/Berlin
hours-malformed = { $day }: „{ $text }“ ist keine lesbare Öffnungszeit; schreiben Sie sie wie 09:00-17:00, mehrere durch Kommas getrennt
hours-invalid-time = { $day }: „{ $text }“ ist keine Uhrzeit von 00:00 bis 24:00
hours-inverted = { $day }: die Öffnungszeit { $opening } muss nach ihrem Beginn enden
hours-overlap = { $day }: die Öffnungszeiten { $first } und { $second } überschneiden sich
hours-none = die Woche hat keine Öffnungszeiten
hours-holiday = der Feiertag „{ $text }“ ist nicht lesbar; schreiben Sie Daten wie 2025-12-25

# Kürzel und Variablen einer gespeicherten Antwort

shortcut-missing = geben Sie ein Kürzel an, das das Team nach / tippt, etwa refund
shortcut-too-long = das Kürzel darf höchstens { $max } Zeichen haben
shortcut-characters = verwenden Sie im Kürzel nur Kleinbuchstaben, Ziffern, - und _, etwa refund-policy
template-unclosed = schließen Sie jedes { $open } mit { $close } in derselben Zeile, wie in { $example }
template-unknown = { $variable } ist keine Variable; verwenden Sie { $known }
template-long-fallback = der Ersatztext von { $variable } darf höchstens { $max } Zeichen haben
