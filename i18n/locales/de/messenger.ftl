# Der Messenger: alles, was Besucher darin lesen, auf Deutsch (mit „Sie“).

# Von mehreren Ansichten genutzt

try-again = Erneut versuchen
part-not-loaded = Dieser Teil des Messengers konnte nicht geladen werden. Bitte prüfen Sie Ihre Verbindung und versuchen Sie es erneut.
error-too-many-requests = Sie senden gerade zu viele Anfragen. Bitte warten Sie einen Moment und versuchen Sie es dann erneut.
reply-by = Wir antworten bis { $when }
reply-as-soon-as-possible = Wir antworten so bald wie möglich
file-size-bytes =
    { $count ->
        [one] { $count } Byte
       *[other] { $count } Bytes
    }
file-size-kilobytes = { $count } KB
file-size-megabytes = { $size } MB

# Kopfzeile und Statusbereich

header-title = Support
header-back = Zurück
header-close = Schließen
header-online = Wir sind online
header-away = Wir sind gerade nicht da – hinterlassen Sie eine Nachricht, wir antworten hier
status-unreachable = Wir erreichen den Support gerade nicht. Wir versuchen es weiter.
status-reconnecting = Verbindung wird wiederhergestellt…

# Unterhaltung

chat-log-label = Unterhaltung
chat-empty = Fragen Sie uns, was Sie möchten – wir antworten direkt hier.
chat-agent-typing = Der Support schreibt…
chat-sending = Wird gesendet…
chat-retry = Erneut versuchen
chat-not-delivered = Noch nicht zugestellt.
chat-sending-too-fast = Sie senden Nachrichten zu schnell. Bitte warten Sie einen Moment.
chat-refused-empty = Schreiben Sie etwas, bevor Sie senden.
chat-refused-too-long = Diese Nachricht ist zu lang. Teilen Sie sie in kürzere auf.
chat-refused-files = Zu viele Dateien für eine Nachricht. Senden Sie einige mit der nächsten.
chat-refused-gone = Eine Datei ist nicht mehr da. Hängen Sie sie noch einmal an.
chat-refused-internal = Bei uns ist etwas schiefgegangen. Bitte versuchen Sie es noch einmal.
chat-refused = Diese Nachricht konnte nicht gesendet werden.
chat-cards-label = Zu diesem Chat

# Eingabefeld

composer-label = Nachricht
composer-placeholder = Nachricht schreiben…
composer-attach = Dateien anhängen
composer-send = Senden
composer-characters-left =
    { $count ->
        [one] Noch { $count } Zeichen
       *[other] Noch { $count } Zeichen
    }
composer-characters-over =
    { $count ->
        [one] { $count } Zeichen zu viel
       *[other] { $count } Zeichen zu viel
    }

# Angehängte Dateien

attachments-label = Angehängte Dateien
attachment-uploading = { $name } wird hochgeladen
attachment-cancel = Abbrechen
attachment-remove = Entfernen
attachment-retry = Erneut versuchen
attachment-file = { $name } ({ $size })

# Screenshots

screenshot-take = Screenshot aufnehmen
screenshot-title = Screenshot
screenshot-hint = Ziehen Sie über alles Private, um es zu schwärzen. Gesendet wird erst, wenn Sie den Screenshot anhängen.
screenshot-canvas-label = Zu sendender Screenshot
screenshot-undo = Rückgängig
screenshot-cancel = Abbrechen
screenshot-attach = Screenshot anhängen
screenshot-unavailable = In diesem Browser sind keine Screenshots möglich. Sie können stattdessen ein Bild anhängen.
screenshot-not-allowed = Die Bildschirmaufnahme wurde nicht erlaubt. Sie können stattdessen ein Bild anhängen.
screenshot-no-frame = Der Screenshot konnte nicht aufgenommen werden. Sie können stattdessen ein Bild anhängen.

# Hilfecenter

help-search-label = Hilfeartikel durchsuchen
help-search-placeholder = Hilfe suchen
help-results-label = Suchergebnisse
help-searching = Suche läuft…
help-no-results = Keine Artikel gefunden
help-article-count =
    { $count ->
        [one] { $count } Artikel
       *[other] { $count } Artikel
    }
help-home-loading = Hilfeartikel werden geladen…
help-popular = Beliebte Artikel
help-topics = Themen entdecken
help-category-loading = Artikel werden geladen…
help-category-empty = Hier gibt es noch keine Artikel.
help-article-loading = Der Artikel wird geladen…
help-suggestions = Das könnte helfen
help-unreachable = Wir erreichen das Hilfecenter gerade nicht. Bitte versuchen Sie es erneut.
help-home-unavailable = Die Hilfeartikel sind gerade nicht verfügbar.
help-search-unavailable = Die Suche ist gerade nicht verfügbar.
help-category-gone = Diese Kategorie gibt es nicht mehr.
help-article-gone = Diesen Artikel gibt es nicht mehr.

# Rückmeldung zu Artikeln

help-feedback-label = Rückmeldung
help-feedback-question = Hat das Ihre Frage beantwortet?
help-feedback-yes = Ja
help-feedback-no = Nein
help-feedback-failed = Wir konnten Ihre Antwort nicht speichern. Bitte versuchen Sie es erneut.
help-feedback-thanks = Danke für Ihre Rückmeldung!
help-feedback-sorry = Danke für Ihre Rückmeldung. Schade, dass es nicht geholfen hat – wir beantworten Ihre Frage gern persönlich.

# Wege zu einem Menschen

contact-away = Wir sind gerade nicht da
contact-unread =
    { $count ->
        [one] { $count } neue Antwort
       *[other] { $count } neue Antworten
    }
contact-chat = Mit uns chatten
contact-email = E-Mail an uns
contact-tickets = Ihre Tickets

# Das Formular „E-Mail an uns“

ticket-form-title = E-Mail an uns
ticket-form-type = Art der Anfrage
ticket-type-question = Frage
ticket-type-configuration = Einrichtung
ticket-type-bug = Fehler
ticket-type-feature-request = Funktionswunsch
ticket-field-email = Ihre E-Mail-Adresse
ticket-field-name = Ihr Name (optional)
ticket-field-subject = Betreff
ticket-field-description = Beschreibung
ticket-field-goal = Was möchten Sie erreichen?
ticket-field-expected = Was wollten Sie tun?
ticket-field-actual = Was ist stattdessen passiert?
ticket-field-error-message = Angezeigte Fehlermeldung (falls vorhanden)
ticket-field-since = Seit wann?
ticket-form-files = Screenshots oder Dateien (optional)
ticket-form-send = Senden
form-not-sent = Das konnten wir nicht senden. Bitte prüfen Sie Ihre Verbindung und versuchen Sie es erneut.
ticket-attached-title = Wird automatisch mitgesendet
ticket-attached-page = Seite
ticket-attached-browser = Browser
ticket-attached-screen = Bildschirm
ticket-browser-on-system = { $browser } unter { $system }
ticket-browser-unknown = Unbekannt
ticket-page-errors =
    { $count ->
        [one] Den Fehler mitsenden, den diese Seite angezeigt hat
       *[other] Die { $count } Fehler mitsenden, die diese Seite angezeigt hat
    }
ticket-page-errors-details = Was darin steht
ticket-sent-title = Ticket #{ $number }
ticket-sent-email = Wir haben Ihnen eine Bestätigung an { $email } geschickt

# Ein an die E-Mail übergebener Chat

handoff-question = Wohin dürfen wir unsere Antwort zu Ticket #{ $number } senden?
handoff-send = Senden
handoff-answered = Wir antworten an { $email }

# Die Tickets des Besuchers

tickets-title = Ihre Tickets
tickets-loading = Ihre Tickets werden geladen…
tickets-empty = Sie haben noch keine Tickets.
tickets-unavailable = Wir können Ihre Tickets gerade nicht laden.
tickets-number = #{ $number }
ticket-status-needs-email = Wartet auf Ihre E-Mail-Adresse
ticket-status-new = Eingegangen
ticket-status-open = In Bearbeitung
ticket-status-pending = Wartet auf Ihre Antwort
ticket-status-resolved = Gelöst
ticket-status-closed = Geschlossen

# Bewertung eines beendeten Chats

rating-question = Wie war dieser Chat?
rating-stars = Mit { $stars } von 5 bewerten
rating-comment = Kommentar (optional)
rating-send = Bewertung senden
rating-thanks = Danke für Ihre Bewertung

# Support-Zugriff

access-title = Support-Zugriff
access-entry-requested = Der Support bittet um Zugriff
access-entry-on-until = Aktiv bis { $time }
access-loading = Wird geladen…
access-unavailable = Wir können Ihre Einstellungen zum Support-Zugriff gerade nicht laden.
access-unverified = Für den Support-Zugriff ist ein bestätigtes Konto nötig. Melden Sie sich in der App an, die Sie gerade verwenden. Wenn Sie bereits angemeldet sind, hat uns die App noch nicht bestätigt, wer Sie sind – deshalb kann von hier aus niemand Zugriff auf Ihr Konto erhalten.
access-level-view = Nur ansehen
access-level-act = In meinem Namen handeln
access-level-view-explained = Der Support sieht Ihr Konto so, wie Sie es sehen. Ändern kann er nichts.
access-level-act-explained = Der Support kann in Ihrem Konto Änderungen für Sie vornehmen, so als wären Sie es selbst.
access-hours =
    { $count ->
        [one] { $count } Stunde
       *[other] { $count } Stunden
    }
access-days =
    { $count ->
        [one] { $count } Tag
       *[other] { $count } Tage
    }
access-active-title = Der Support hat Zugriff auf Ihr Konto
access-active-who = Wer
access-active-who-value = Das Support-Team
access-active-level = Umfang
access-active-until = Bis
access-revoke = Zugriff widerrufen
access-grant-intro = Lassen Sie unser Support-Team in Ihr Konto sehen oder etwas darin für Sie in Ordnung bringen. Jede Änderung wird protokolliert und hier angezeigt.
access-grant-level = Was darf der Support tun?
access-grant-duration = Für wie lange?
access-grant-confirm =
    Der Support erhält für { $duration } den Zugriff „{ $level ->
        [view] Nur ansehen
       *[act] In Ihrem Namen handeln
    }“. Sie können ihn jederzeit widerrufen.
access-grant-button = Zugriff gewähren
access-grant-confirm-button = Zugriff bestätigen
access-request-label = Zugriffsanfrage
access-request =
    { $agent } vom Support bittet für { $duration } um den Zugriff „{ $level ->
        [view] Nur ansehen
       *[act] In Ihrem Namen handeln
    }“.
access-request-allow = Erlauben
access-request-decline = Ablehnen
access-actions-title = Was der Support getan hat
access-action = { $summary }, durch { $actor } vom Support, { $time }

# The messenger's name for screen readers, told apart from the host page's own main content
messenger-name = Support-Messenger

# The messenger opened without an app id in its address
messenger-misconfigured = Dieser Messenger ist nicht richtig eingerichtet: In seiner Adresse fehlt die App-ID.

# Eine Datei anhängen (wie im Katalog der anderen App)
upload-unsupported = Dieser Browser kann keine Dateien hochladen.
upload-not-understood = Die Antwort des Servers war unverständlich. Versuchen Sie es noch einmal.
upload-not-reached = Die Datei hat den Server nicht erreicht. Versuchen Sie es noch einmal.
upload-not-started = Das Hochladen konnte nicht beginnen. Versuchen Sie es noch einmal.
upload-failed = Das Hochladen ist fehlgeschlagen. Versuchen Sie es noch einmal.
upload-too-many = Zu viele Dateien auf einmal. Versuchen Sie es in { $seconds } s noch einmal.
upload-over-limit = Dateien dürfen höchstens { $megabytes } MB groß sein.
