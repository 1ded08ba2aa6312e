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
