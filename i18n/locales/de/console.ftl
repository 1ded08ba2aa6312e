# Die Agentenkonsole auf Deutsch. Dieselben Nachrichten und Variablen wie das
# Englische (i18n/tests/catalogs.rs).

# Auf mehreren Seiten

loading = Wird geladen …
unreachable-retrying = Helpline ist gerade nicht erreichbar. Neuer Versuch läuft …
error-network = Der Server ist nicht erreichbar. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.
error-too-many-requests = Sie senden Anfragen zu schnell. Bitte warten Sie einen Moment und versuchen Sie es erneut.
error-unexpected = Der Server hat eine Antwort gesendet, die diese Seite nicht versteht.
status-reconnecting = Verbindung wird wiederhergestellt …
skip-to-conversation = Zur Unterhaltung springen
skip-to-main = Zum Hauptinhalt springen
age-just-now = gerade eben
age-minutes = vor { $count } Min.
age-hours = vor { $count } Std.
age-yesterday = gestern
age-days =
    { $count ->
        [one] vor { $count } Tag
       *[other] vor { $count } Tagen
    }
due-in =
    { $unit ->
        [minutes] fällig in { $count } Min.
        [hours] fällig in { $count } Std.
       *[days] { $count ->
            [one] fällig in { $count } Tag
           *[other] fällig in { $count } Tagen
        }
    }
overdue-by =
    { $unit ->
        [minutes] { $count } Min. überfällig
        [hours] { $count } Std. überfällig
       *[days] { $count ->
            [one] { $count } Tag überfällig
           *[other] { $count } Tage überfällig
        }
    }
file-size-bytes =
    { $count ->
        [one] { $count } Byte
       *[other] { $count } Byte
    }
file-size-kilobytes = { $count } KB
file-size-megabytes = { $size } MB

# Anmeldung

login-intro = Melden Sie sich an, um Ihren Besuchern zu antworten.
login-email = E-Mail
login-password = Passwort
login-submit = Anmelden

# Obere Leiste

nav-label = Bereiche
nav-inbox = Posteingang
nav-tickets = Tickets
nav-help-center = Hilfe-Center
nav-reports = Berichte
nav-audit = Protokoll
nav-settings = Einstellungen
sign-out = Abmelden
status-label = Ihr Status
status-online = Online
status-away = Abwesend
status-do-not-disturb = Nicht stören
notifications-enable = Desktop-Benachrichtigungen aktivieren
sound = Ton
language-label = Sprache

# Nicht gefunden

not-found-to-inbox = Zum Posteingang
not-found-page = Seite nicht gefunden
not-found-page-missing = Diese Seite gibt es nicht, oder sie gehört nicht zu Ihrem Arbeitsbereich.
not-found-conversation = Unterhaltung nicht gefunden
not-found-conversation-missing = Diese Unterhaltung gibt es nicht, oder sie gehört nicht zu Ihrem Arbeitsbereich.
not-found-article = Artikel nicht gefunden
not-found-article-missing = Diesen Artikel gibt es nicht, oder er gehört nicht zu Ihrem Arbeitsbereich.
not-found-ticket = Ticket nicht gefunden
not-found-ticket-missing = Dieses Ticket gibt es nicht, oder es gehört nicht zu Ihrem Arbeitsbereich.

# Ticketfelder

ticket-status-new = Neu
ticket-status-open = Offen
ticket-status-pending = Wartend
ticket-status-resolved = Gelöst
ticket-status-closed = Geschlossen
priority-low = Niedrig
priority-medium = Mittel
priority-high = Hoch
priority-critical = Kritisch
ticket-type-question = Frage
ticket-type-configuration = Konfiguration
ticket-type-bug = Fehler
ticket-type-feature_request = Funktionswunsch
team-first_line = First Level
team-engineering = Entwicklung
detail-affected = Wer betroffen ist
detail-expected = Was versucht wurde oder gewünscht ist
detail-actual = Was stattdessen passiert ist
detail-steps = Die Schritte davor
detail-error_message = Angezeigte Fehlermeldungen
detail-environment = Browser, System und App-Version
detail-since = Seit wann
detail-reported_before = Schon einmal gemeldet
detail-deadline = Frist

# Posteingang

inbox-loading = Unterhaltungen werden geladen …
inbox-empty = Hier gibt es keine Unterhaltungen
inbox-title = Unterhaltungen
inbox-show = Anzeigen
inbox-view-all = Alle
inbox-view-mine = Meine
inbox-view-team = Team: { $team }
inbox-status = Status
inbox-search = Unterhaltungen durchsuchen
inbox-search-placeholder = Name, E-Mail oder Nachricht
inbox-no-messages = Noch keine Nachrichten
show-more = Mehr anzeigen
you = Sie
unassigned = Nicht zugewiesen
agent-number = Agent #{ $id }
try-again = Erneut versuchen
part-not-loaded = Dieser Teil der Konsole konnte nicht geladen werden. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.
retry = Wiederholen

# Zuständigkeit und Status

chat-status-open = Offen
chat-status-snoozed = Zurückgestellt
chat-status-resolved = Gelöst
ownership = Zuständigkeit
assignee = Zuständig
team = Team
agent-offline = { $name } (offline)
resolve = Lösen
reopen = Wieder öffnen
snooze = Zurückstellen
snooze-choose = Zurückstellen …
snooze-hour = 1 Stunde
snooze-day = 1 Tag
snooze-week = 1 Woche

# Die offene Unterhaltung

conversation-pane = Unterhaltungsbereich
conversation-select = Wählen Sie eine Unterhaltung, um sie zu lesen und zu antworten.
conversation-loading = Unterhaltung wird geladen …
conversation = Unterhaltung
visitor-typing = Besucher schreibt …
message-sending = Wird gesendet …
message-failed = Fehlgeschlagen
note-label = Notiz · nur für Agenten sichtbar
history-target-agent = { $agent } ({ $team })
history-target-queue = die Warteschlange { $team }
history-assigned = { $actor } hat diesen Chat { $target } zugewiesen
history-routed = Weitergeleitet an { $target }
history-returned-offline = Zurück an { $target }: Die zuständige Person war offline
history-returned-deactivated = Zurück an { $target }: Die zuständige Person wurde deaktiviert
history-snoozed = { $actor } hat diesen Chat bis { $until } zurückgestellt
history-resolved = { $actor } hat diesen Chat gelöst
history-opened-again = Der Chat wurde wieder geöffnet
history-reopened = { $actor } hat diesen Chat wieder geöffnet
history-emailed =
    { $count ->
        [one] Der Besucher war weg: { $count } Antwort per E-Mail an { $to } gesendet
       *[other] Der Besucher war weg: { $count } Antworten per E-Mail an { $to } gesendet
    }

# Eingabefeld

composer-note = Notiz
composer-reply = Antwort
composer-note-placeholder = Notiz für Ihr Team schreiben; der Besucher sieht sie nie
composer-reply-placeholder = Antwort schreiben …
composer-write = Schreiben
attach-files = Dateien anhängen
composer-hint = Eingabetaste zum Senden, Umschalt+Eingabe für eine neue Zeile, / für gespeicherte Antworten
composer-add-note = Notiz hinzufügen
composer-send = Senden
chat-sending-too-fast = Sie senden Nachrichten zu schnell. Sie werden gleich verschickt.
message-not-delivered = Nicht zugestellt.
console-title = Helpline-Konsole
alert-new-chat = Neuer Chat
alert-new-message = Neue Nachricht

# Besucherbereich

visitor = Besucher
identity-verified-hash = Mit user_hash bestätigt
identity-verified-token = Mit einem Identitätstoken bestätigt
identity-unverified = Nicht bestätigt: Angaben der Website, nicht nachgewiesen
fact-name = Name
fact-email = E-Mail
fact-user-id = Benutzer-ID
fact-company-id = Firmen-ID
fact-page = Seite
fact-browser = Browser
fact-first-seen = Zuerst gesehen
fact-last-seen = Zuletzt gesehen
fact-verified = bestätigt
fact-claims = gibt an
unknown = Unbekannt
browser-on-system = { $browser } unter { $system }
browser-unknown-on-system = Ein Browser unter { $system }
browser-unknown = Unbekannter Browser

# Supportzugriff

access-title = Supportzugriff
access-unavailable = Nicht verfügbar: Supportzugriff erfordert einen von der Host-App bestätigten Besucher.
access-level-view = Nur ansehen
access-level-act = In ihrem Namen handeln
duration-hours =
    { $count ->
        [one] { $count } Stunde
       *[other] { $count } Stunden
    }
duration-days =
    { $count ->
        [one] { $count } Tag
       *[other] { $count } Tage
    }
actor-agent = Agent
actor-user = Benutzer
actor-host = Host-App
access-granted-until = { $level } bis { $until }
access-none = Kein Zugriff
access-asked = { $level } für { $duration }, angefragt von { $agent }
access-requested = Angefragt, Antwort steht aus
access-action-by = von { $actor },
access-recent = Letzte Aktionen
access-request = Zugriff anfragen
access-level = Stufe
access-for = Für

# Chat als Ticket weitergeben

handoff-end-question = Diesen Chat beenden? Der Besucher wird um eine Bewertung gebeten.
handoff-ended = Chat beendet. Der Besucher wird um eine Bewertung gebeten.
handoff-escalate = Als Ticket weitergeben
handoff-end = Chat beenden
handoff-created = Ticket #{ $number } erstellt
handoff-title = Als E-Mail-Ticket weitergeben
field-subject = Betreff
field-type = Typ
field-priority = Priorität
handoff-email = E-Mail des Besuchers
handoff-email-hint = Optional. Ohne sie fragt der Messenger den Besucher, wohin die Antwort gehen soll.
handoff-create = Ticket erstellen
cancel = Abbrechen

# Gespeicherte Antworten im Eingabefeld

replies-load-failed = Gespeicherte Antworten konnten nicht geladen werden: { $error }
replies-loading = Gespeicherte Antworten werden geladen …
replies-label = Gespeicherte Antworten

# Tickets

tickets-views = Ticketansichten
tickets-queue = Warteschlange
tickets-ratings = Bewertungen
tickets-loading = Tickets werden geladen …
tickets-none-match = Keine Tickets entsprechen diesen Filtern.
tickets-col-ticket = Ticket
tickets-col-requester = Anfragende Person
tickets-col-due = Fällig
tickets-no-address = Noch keine Adresse
tickets-nothing-owed = Nichts offen
tickets-breached = Überschritten
filters-label = Tickets filtern
filters-search = Tickets durchsuchen
filters-search-placeholder = Nummer, Betreff oder anfragende Person
filters-statuses = Angezeigte Status
filters-any-priority = Jede Priorität
filters-any-type = Jeder Typ
filters-anyone = Alle
filters-me = Ich
filters-breached-only = Nur überschrittene

# Hilfe-Center

help-sections = Bereiche des Hilfe-Centers
help-articles = Artikel
help-insights = Auswertungen

# Einstellungen

save = Speichern
saved = Gespeichert
settings-title = Einstellungen des Arbeitsbereichs
settings-back = Zurück zum Posteingang
settings-workspace = Arbeitsbereich
settings-app-id = App-ID
settings-snippet = Einbettungscode
settings-snippet-hint = Fügen Sie dies in jede Seite ein, die den Messenger zeigen soll, direkt vor { $tag }.
settings-origins = Erlaubte Ursprünge
settings-origins-hint = Websites, die den Messenger einbetten dürfen, ein Ursprung pro Zeile, z. B. https://www.example.com
appearance-title = Aussehen des Messengers
appearance-language = Standardsprache
appearance-language-hint = Der Messenger spricht die Sprache, die Ihre App übergibt, sonst die Browsersprache des Besuchers, wenn sie Englisch, Deutsch, Spanisch oder Arabisch ist, sonst diese.
appearance-theme = Farben
appearance-theme-auto = Dem System des Besuchers folgen
appearance-theme-light = Hell
appearance-theme-dark = Dunkel

brand-colour = Markenfarbe
brand-colour-hint = Der Starter, die Nachrichten der Besucher und die Schaltflächen. Der Text darauf ist weiß oder schwarz, je nachdem, was lesbar ist; Links erhalten einen Farbton, der auf hellem und dunklem Hintergrund lesbar ist.
brand-preview = Hilfe
brand-logo = Logo
brand-logo-hint = PNG, JPEG, GIF oder WebP, bis 256 KB, in der Kopfzeile des Messengers.
brand-logo-current = Aktuelles Logo
brand-logo-remove = Logo entfernen
brand-position = Position des Starters
brand-position-right = Unten rechts
brand-position-left = Unten links
brand-words = Ihre eigenen Texte
brand-words-hint = Leere Felder behalten die Texte von Helpline in dieser Sprache.
brand-words-language = Sprache
brand-launcher-label = Beschriftung des Starters
brand-greeting = Begrüßung
brand-away-message = Abwesenheitsnachricht
brand-words-save = Texte speichern

# Das offene Ticket

ticket-choose = Wählen Sie ein Ticket in der Warteschlange.
ticket-loading = Ticket wird geladen …
ticket-back = Zurück zur Warteschlange
ticket-needs-email = Warten auf die E-Mail-Adresse des Besuchers. Antworten gehen raus, sobald sie vorliegt.
unsaved-changes = Ungespeicherte Änderungen
details-escalate = An die Entwicklung eskalieren
details-back-to-first-line = Zurück an First Level
details-team = Team:
details-nothing-missing = Nichts fehlt: Die Entwicklung hat, was sie braucht.
details-still-missing = Es fehlt noch:
details-title = Technische Details
details-save = Details speichern
escalate-nothing-missing = Alle Details, die die Entwicklung braucht, sind ausgefüllt.
escalate-missing = Es fehlt noch: { $details }.
escalate-unsaved = Das Detailformular hat ungespeicherte Änderungen; speichern Sie sie zuerst, damit sie mitgehen.
escalate-ask = An die Entwicklung eskalieren?
not-given = Nicht angegeben
not-given-yet = Noch nicht angegeben
requester-unconfirmed = nicht bestätigt: Mails an diese Adresse wiederholen nichts von dem, was geschrieben wurde
requester-user-id = Benutzer-ID der Host-App
requester-company-id = Firmen-ID
followers = Beobachtende
followers-hint = Erhalten öffentliche Antworten in Kopie.
context = Kontext
satisfaction = Zufriedenheit
rating-out-of-five = { $rating } von 5
open-chat = Chat öffnen
transcript-summary =
    { $count ->
        [one] Chatverlauf ({ $count } Nachricht)
       *[other] Chatverlauf ({ $count } Nachrichten)
    }
ticket-reply-hint = Antworten gehen per E-Mail an { $email }. Interne Notizen sehen nur Agenten.
ticket-reply-hint-no-address = Antworten gehen per E-Mail raus, sobald die anfragende Person eine Adresse angibt. Interne Notizen sehen nur Agenten.
ticket-send-reply = Antwort senden
ticket-add-note = Interne Notiz hinzufügen
ticket-ask-info = Weitere Informationen anfragen
file-uploading = { $name } wird hochgeladen
file-ready = Bereit
file-remove = Entfernen
files-attached = Angehängte Dateien
thread-title = Verlauf und Historie
thread-show-original = Original anzeigen
thread-attached = Angehängt:
thread-public-reply = Öffentliche Antwort
thread-customer = Kunde
thread-internal-note = Interne Notiz
thread-new-ticket = Neues Ticket
thread-show-auto-reply = Automatische Antwort anzeigen
thread-file-not-kept = nicht gespeichert: { $reason }; sie ist im Original enthalten

# Ticketverlauf

event-by-agent = Ein Agent
event-by-requester = Die anfragende Person
event-changed-from-to =
    { $field ->
        [status] { $who } hat den Status von { $old } auf { $new } geändert
        [priority] { $who } hat die Priorität von { $old } auf { $new } geändert
        [type] { $who } hat den Typ von { $old } auf { $new } geändert
       *[team] { $who } hat das Team von { $old } auf { $new } geändert
    }
event-set =
    { $field ->
        [status] { $who } hat den Status auf { $new } gesetzt
        [priority] { $who } hat die Priorität auf { $new } gesetzt
        [type] { $who } hat den Typ auf { $new } gesetzt
       *[team] { $who } hat das Team auf { $new } gesetzt
    }
event-cleared =
    { $field ->
        [status] { $who } hat den Status entfernt (war { $old })
        [priority] { $who } hat die Priorität entfernt (war { $old })
        [type] { $who } hat den Typ entfernt (war { $old })
       *[team] { $who } hat das Team entfernt (war { $old })
    }
event-changed =
    { $field ->
        [status] { $who } hat den Status geändert
        [priority] { $who } hat die Priorität geändert
        [type] { $who } hat den Typ geändert
       *[team] { $who } hat das Team geändert
    }
event-created = { $who } hat das Ticket eröffnet
event-created-from =
    { $source ->
        [chat] { $who } hat das Ticket aus einem Chat eröffnet
        [widget_form] { $who } hat das Ticket über das E-Mail-Formular des Messengers eröffnet
        [email] { $who } hat das Ticket per E-Mail eröffnet
       *[api] { $who } hat das Ticket über die API eröffnet
    }
event-created-other = { $who } hat das Ticket eröffnet ({ $source })
event-replied = { $who } hat geantwortet
event-noted = { $who } hat eine interne Notiz hinzugefügt
event-wrote = { $who } hat geschrieben
event-assigned = { $who } hat das Ticket { $new } zugewiesen
event-reassigned = { $who } hat das Ticket von { $old } an { $new } übergeben
event-unassigned = { $who } hat die Zuweisung an { $old } aufgehoben
event-assignee-changed = { $who } hat die Zuständigkeit geändert
event-escalated = { $who } hat das Ticket an die Entwicklung eskaliert
event-sent-back = { $who } hat das Ticket an First Level zurückgegeben
event-tags-set = { $who } hat die Schlagwörter auf { $tags } gesetzt
event-tags-removed = { $who } hat die Schlagwörter entfernt
event-delivery-failed = Eine E-Mail konnte nicht zugestellt werden
event-delivery-deferred-attempt = Eine E-Mail konnte noch nicht zugestellt werden (Versuch { $attempt }); sie wird erneut versucht
event-delivery-deferred = Eine E-Mail konnte noch nicht zugestellt werden; sie wird erneut versucht
event-followers-named = Beobachtet jetzt: { $addresses }
event-followers = Personen in Kopie der E-Mail beobachten jetzt das Ticket
event-reminder-sent = Eine Erinnerung wurde an die anfragende Person gesendet
event-rated-stars = { $who } hat das Ticket mit { $rating } von 5 bewertet
event-rated = { $who } hat das Ticket bewertet
event-auto-reply = Eine automatische Antwort ist eingegangen (nicht beantwortet)
event-details-changed = { $who } hat die technischen Details aktualisiert
event-requester-address = { $who } hat die Adresse der anfragenden Person auf { $address } gesetzt
event-requester-changed = { $who } hat die anfragende Person geändert
event-mail-withheld = Keine Eingangsbestätigung gesendet: Die Adresse ist nicht bestätigt und hat ihre Mails für heute erhalten
event-address-verified-reply = Die anfragende Person hat ihre Adresse durch eine Antwort bestätigt
event-address-verified-link = Die anfragende Person hat ihre Adresse über den zugesandten Link bestätigt
event-address-verified = Die Adresse der anfragenden Person wurde bestätigt
field-tags = Schlagwörter
ticket-tags-placeholder = Abrechnung, Export
ticket-discard-question = Die technischen Details dieses Tickets haben ungespeicherte Änderungen. Verwerfen?
ticket-number = Ticket #{ $number }
chat-number = Chat { $id }
ratings-loading = Bewertungen werden geladen …
ratings-none = Noch keine Bewertungen.
ratings-average =
    { $count ->
        [one] Durchschnitt { $average } von 5 aus { $count } Bewertung
       *[other] Durchschnitt { $average } von 5 aus { $count } Bewertungen
    }
ratings-col-rating = Bewertung
ratings-col-comment = Kommentar
ratings-col-rated = Bewertet
ratings-hint = Die neuesten Bewertungen von anfragenden Personen und Chat-Besuchern, von 1 (schlecht) bis 5 (sehr gut).
ratings-no-comment = Kein Kommentar
ratings-of-five = { $rating } / 5
article-discard-question = Dieser Artikel hat ungespeicherte Änderungen. Verlassen und verwerfen?
article-deleted = „{ $title }“ gelöscht
ticket-agent-number = Agent { $id }

# Hilfe-Center-Artikel

none = Keine
delete = Löschen
field-title = Titel
field-category = Kategorie
articles-loading = Artikel werden geladen …
articles-none = Noch keine Artikel. Schreiben Sie den ersten.
articles-col-updated = Aktualisiert
article-new = Neuer Artikel
article-draft = Entwurf
article-published = Veröffentlicht
article-loading = Artikel wird geladen …
article-back = Zurück zu den Artikeln
article-draft-saved = Entwurf gespeichert
article-unpublished = Veröffentlichung zurückgezogen: Besucher sehen ihn nicht mehr
article-slug = Kurzname
article-slug-hint = Die Adresse des Artikels, z. B. wie-erhalte-ich-eine-erstattung. Bleibt sie leer, wird sie aus dem Titel gebildet.
article-no-category = Keine Kategorie
article-locale = Sprache (optional)
article-tags-hint = Schlagwörter durch Kommas trennen.
article-body = Text
article-body-hint = Markdown: **fett**, _kursiv_, # Überschriften, - Listen, [Links](https://…), Tabellen.
article-save-changes = Änderungen speichern
article-save-draft = Entwurf speichern
article-unpublish = Veröffentlichung zurückziehen
article-publish = Veröffentlichen
article-confirm-deletion = Löschen bestätigen
article-delete-question = Diesen Artikel endgültig löschen?
article-delete = Artikel löschen
categories = Kategorien
categories-loading = Kategorien werden geladen …
categories-none = Noch keine Kategorien.
category-add-title = Kategorie hinzufügen
category-name = Name der Kategorie
category-description = Beschreibung (optional)
category-order = Reihenfolge
category-order-hint = Kleinere Zahlen stehen vorn; 0, wenn leer.
category-order-invalid = Die Reihenfolge ist eine ganze Zahl, etwa 0 oder 10.
category-add = Kategorie hinzufügen
preview = Vorschau
preview-hint = Der Text erscheint hier beim Tippen so, wie Besucher ihn sehen.
insights-loading = Auswertungen werden geladen …
insights-no-articles = Noch keine Artikel.
insights-no-answers = Keine Antworten
percent = { $share } %
insights-col-article = Artikel
insights-col-views = Aufrufe
insights-col-visitors = Besucher
insights-col-helpful = Hilfreich
insights-col-not-helpful = Nicht hilfreich
insights-col-helpfulness = Hilfreich-Quote
insights-articles-hint = Meistgelesene zuerst. Die Hilfreich-Quote ist der Anteil der „Ja“-Antworten auf „Hat das Ihre Frage beantwortet?“.
insights-no-missed = Jede Suche hat mindestens einen Artikel gefunden.
insights-col-search = Suche
insights-col-last-searched = Zuletzt gesucht
insights-missed = Suchen ohne Ergebnis
insights-missed-hint = Was Besucher gesucht und nicht gefunden haben: Kandidaten für die nächsten Artikel.

# Berichte

field-from = Von
field-to = Bis
report-dates = Zeitraum
report-show = Bericht anzeigen
report-last-7 = Letzte 7 Tage
report-last-30 = Letzte 30 Tage
report-this-month = Dieser Monat
report-loading = Bericht wird geladen …
report-covers = { $from } bis { $to }, in { $zone }. Dauern zählen nur Geschäftszeiten.
report-csv = CSV herunterladen
report-chats = Chats
report-started = Begonnen
report-created = Erstellt
report-resolved = Gelöst
report-first-median = Erste Antwort, Median
report-first-p90 = Erste Antwort, 90. Perzentil
report-resolution-median = Lösung, Median
report-resolution-p90 = Lösung, 90. Perzentil
report-sla = Ticket-SLA
report-first-on-time = Erste Antworten rechtzeitig
report-next-on-time = Folgeantworten rechtzeitig
report-breaches = Überschreitungen
report-csat = CSAT (mit 4 oder 5 bewertet)
report-average-rating = Durchschnittliche Bewertung
report-chats-tickets = Chats / Tickets
report-deflection = Entlastung durch das Hilfe-Center
report-deflected-searches = Suchen ohne Chat oder Ticket
report-deflected-views = Artikelaufrufe ohne Chat oder Ticket
report-average = { $average } / 5
report-measured = { $duration } ({ $count } gemessen)
report-share-of = { $share } % ({ $part } von { $whole })
report-deflected = { $share } % ({ $part } von { $whole }; { $total } insgesamt)
report-too-recent = { $count } zu neu für eine Aussage
elapsed-seconds = { $count } s
elapsed-minutes = { $count } Min.
elapsed-hours-minutes = { $hours } Std. { $minutes } Min.
elapsed-hours = { $count } Std.
weekday-1 = Montag
weekday-2 = Dienstag
weekday-3 = Mittwoch
weekday-4 = Donnerstag
weekday-5 = Freitag
weekday-6 = Samstag
weekday-7 = Sonntag
weekday-short-1 = Mo
weekday-short-2 = Di
weekday-short-3 = Mi
weekday-short-4 = Do
weekday-short-5 = Fr
weekday-short-6 = Sa
weekday-short-7 = So
hour-range = { $day } { $from }–{ $to }
volume = Aufkommen
volume-title = Chats und Tickets pro Tag
volume-description = { $chats } Chats begonnen und { $tickets } Tickets erstellt in { $days } Tagen; der stärkste Tag war der { $date } mit { $day_chats } Chats und { $day_tickets } Tickets.
volume-description-empty = Keine Chats oder Tickets in { $days } Tagen.
volume-bar-chats = { $date }: { $count } Chats begonnen
volume-bar-tickets = { $date }: { $count } Tickets erstellt
chats-started = Begonnene Chats
tickets-created = Erstellte Tickets
volume-table = Zahlen pro Tag
volume-col-date = Datum
volume-col-chats-resolved = Gelöste Chats
volume-col-tickets-resolved = Gelöste Tickets
volume-col-breaches = SLA-Überschreitungen
hours = Stärkste Stunden
hours-title = Chats und Tickets nach Stunde der Woche
hours-description = Die stärkste Stunde war { $hour } mit { $chats } Chats und { $tickets } Tickets.
hours-description-empty = In diesem Zeitraum kamen keine Chats oder Tickets an.
hours-cell = { $hour }: { $chats } Chats, { $tickets } Tickets
hours-table = Stunden mit Anfragen
hours-col-hour = Stunde
ratings-description = { $count } Bewertungen, Durchschnitt { $average }: { $scores }.
ratings-rated-score = { $count }-mal mit { $score } bewertet
ratings-description-empty = Keine Bewertungen in diesem Zeitraum.
ratings-bar = Mit { $score } bewertet: { $count }
ratings-chart-title = Bewertungen nach Punktzahl
ratings-table = Bewertungen pro Punktzahl
ratings-col-score = Punktzahl

# Protokoll

audit-access-requested = Zugriff angefragt
audit-access-declined = Zugriff abgelehnt
audit-access-granted = Zugriff gewährt
audit-access-revoked = Zugriff widerrufen
audit-access-expired = Zugriff abgelaufen
audit-access-action = Aktionen mit Zugriff
audit-workspace = Einstellungen des Arbeitsbereichs
audit-agents = Agenten
audit-filters = Filter
audit-action = Aktion
audit-show = Einträge anzeigen
audit-none = Keine Einträge entsprechen diesen Filtern.
audit-loading = Protokoll wird geladen …
audit-load-more = Mehr laden
audit-who = { $actor } ({ $kind })
audit-col-time = Zeit
audit-col-who = Wer
audit-col-user = Benutzer
audit-col-summary = Zusammenfassung
audit-col-change = Änderung

# Identitätsprüfung und API-Schlüssel

identity-title = Identitätsprüfung
identity-show-secret = Geheimnis anzeigen
identity-rotate-secret = Geheimnis erneuern
identity-require = Bestätigte Identität verlangen: identify-Aufrufe ohne gültigen user_hash oder identity_token ablehnen
api-keys = API-Schlüssel
api-keys-hint = Ihr Backend sendet einen als Authorization: Bearer <key>, um Tickets für Ihre Benutzer zu erstellen.
api-keys-loading = Schlüssel werden geladen …
api-keys-none = Noch keine API-Schlüssel.
api-key-delete-question = Den Schlüssel „{ $name }“ löschen? Backends, die ihn nutzen, können dann keine Tickets mehr erstellen.
api-key-delete-label = Schlüssel { $name } löschen
api-key-created = erstellt { $at }
api-key-fresh = Der Schlüssel „{ $name }“. Kopieren Sie ihn jetzt: Er wird nur einmal angezeigt.
api-key-name = Name des Schlüssels
api-key-name-hint = Wofür er genutzt wird, z. B. Abrechnungs-Backend.
api-key-create = Schlüssel erstellen

# Team

team-role-admin-word = Admin
team-role-agent-word = Agent
team-invite-until = bis { $at }
team-col-agent = Agent
team-col-role = Rolle
team-col-capacity = Offene Chats / Kapazität
team-col-teams = Teams
team-col-access = Zugang
team-invitations = Ausstehende Einladungen
team-member-of = { $name } in { $team }
team-reactivate = Reaktivieren
team-deactivate = Deaktivieren
team-deactivate-question = Diesen Agenten deaktivieren? Seine Sitzungen enden und seine Chats gehen zurück in die Warteschlange.
team-role-of = Rolle von { $name }
team-capacity-of = Kapazität von { $name }
team-online = online
team-admin = Admin
team-invite-sent = Einladung an { $email } gesendet
team-invite-title = Agenten einladen
team-invite-send = Einladung senden

# Gespeicherte Antworten in den Einstellungen

edit = Bearbeiten
replies-none = Noch keine gespeicherten Antworten.
replies-hint = Antworten, die Agenten in einen Chat oder eine Ticketantwort einfügen, indem sie / und das Kürzel tippen, z. B. /erstattung.
reply-saved = /{ $shortcut } gespeichert
reply-delete-question = Die gespeicherte Antwort /{ $shortcut } löschen?
reply-deleted = /{ $shortcut } gelöscht
reply-edit-label = /{ $shortcut } bearbeiten
reply-delete-label = /{ $shortcut } löschen
reply-change = Gespeicherte Antwort ändern
reply-new = Neue gespeicherte Antwort
reply-shortcut = Kürzel
reply-shortcut-hint = Nach / getippt: Kleinbuchstaben, Ziffern, - und _.
reply-text = Antworttext
reply-text-hint = Variablen: { $variables }. In einem Ticket ist der Besucher die anfragende Person. { $fallback } schreibt „there“, wenn der Name nicht bekannt ist.
reply-add = Gespeicherte Antwort hinzufügen

# Supportzeiten

check-fields = Bitte prüfen Sie die markierten Felder.
support-days-invalid = eine ganze Zahl von Tagen eingeben, etwa 3
support-requests-invalid = eine ganze Zahl von Anfragen eingeben oder leer lassen
support-title = Supportzeiten
support-hint = Antwortziele werden in diesen Zeiten gezählt: kritisch 8 Arbeitsstunden, hoch 12, mittel 24, niedrig 2 Arbeitstage.
support-time-zone = Zeitzone
support-time-zone-hint = Ein IANA-Zeitzonenname, etwa Europe/Berlin oder America/New_York.
support-weekly = Wöchentliche Zeiten
support-weekly-hint = Leer für geschlossen, 09:00-17:00 oder 09:00-12:00, 13:00-17:00.
support-holidays = Feiertage
support-holidays-hint = Ganztägig geschlossene Tage, einer pro Zeile, z. B. 2026-12-25.
support-reminder = Erinnerung nach (Tagen)
support-reminder-hint = So lange wartet ein wartendes Ticket auf den Kunden, bevor eine Erinnerung rausgeht.
support-close = Schließen nach (Tagen)
support-close-hint = So lange wartet ein wartendes Ticket, bevor es geschlossen wird.
support-requests = „Schreiben Sie uns“-Anfragen pro Tag
support-requests-hint = Weitere innerhalb von 24 Stunden werden abgelehnt, damit keine Flut Ihren Posteingang erreicht. Leer für die Voreinstellung des Servers.
support-default-unlimited = Voreinstellung des Servers: keine Begrenzung.
support-default = Voreinstellung des Servers: { $count }.
support-notify = Benachrichtigungsadresse
support-notify-hint = Ein zu lange unbeantworteter Chat geht per E-Mail an die Agenten online, oder hierhin, wenn niemand online ist. Leer für keine.
support-update = Supportzeiten aktualisieren
support-updated = Supportzeiten aktualisiert

# Eine Datei anhängen (wie im Katalog der anderen App)
upload-unsupported = Dieser Browser kann keine Dateien hochladen.
upload-not-understood = Die Antwort des Servers war unverständlich. Versuchen Sie es noch einmal.
upload-not-reached = Die Datei hat den Server nicht erreicht. Versuchen Sie es noch einmal.
upload-not-started = Das Hochladen konnte nicht beginnen. Versuchen Sie es noch einmal.
upload-failed = Das Hochladen ist fehlgeschlagen. Versuchen Sie es noch einmal.
upload-too-many = Zu viele Dateien auf einmal. Versuchen Sie es in { $seconds } s noch einmal.
upload-over-limit = Dateien dürfen höchstens { $megabytes } MB groß sein.
