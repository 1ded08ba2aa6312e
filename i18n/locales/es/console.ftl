# La consola de agentes en español. Los mismos mensajes y variables que el inglés
# (i18n/tests/catalogs.rs).

# Compartidos por varias páginas

loading = Cargando…
unreachable-retrying = No se puede conectar con Helpline ahora. Reintentando…
error-network = No se puede conectar con el servidor. Comprueba tu conexión e inténtalo de nuevo.
error-too-many-requests = Estás enviando solicitudes demasiado rápido. Espera un momento e inténtalo de nuevo.
error-unexpected = El servidor envió una respuesta que esta página no entiende.
status-reconnecting = Reconectando…
skip-to-conversation = Saltar a la conversación
skip-to-main = Saltar al contenido principal
age-just-now = justo ahora
age-minutes = hace { $count } min
age-hours = hace { $count } h
age-yesterday = ayer
age-days =
    { $count ->
        [one] hace { $count } día
       *[other] hace { $count } días
    }
due-in =
    { $unit ->
        [minutes] vence en { $count } min
        [hours] vence en { $count } h
       *[days] { $count ->
            [one] vence en { $count } día
           *[other] vence en { $count } días
        }
    }
overdue-by =
    { $unit ->
        [minutes] vencido hace { $count } min
        [hours] vencido hace { $count } h
       *[days] { $count ->
            [one] vencido hace { $count } día
           *[other] vencido hace { $count } días
        }
    }
file-size-bytes =
    { $count ->
        [one] { $count } byte
       *[other] { $count } bytes
    }
file-size-kilobytes = { $count } KB
file-size-megabytes = { $size } MB

# Inicio de sesión

login-intro = Inicia sesión para responder a tus visitantes.
login-email = Correo electrónico
login-password = Contraseña
login-submit = Iniciar sesión

# Barra superior

nav-label = Secciones
nav-inbox = Bandeja de entrada
nav-tickets = Tickets
nav-help-center = Centro de ayuda
nav-reports = Informes
nav-audit = Registro de auditoría
nav-settings = Configuración
sign-out = Cerrar sesión
status-label = Tu estado
status-online = En línea
status-away = Ausente
status-do-not-disturb = No molestar
notifications-enable = Activar notificaciones de escritorio
sound = Sonido
language-label = Idioma

# No encontrado

not-found-to-inbox = Ir a la bandeja de entrada
not-found-page = Página no encontrada
not-found-page-missing = Esta página no existe o no pertenece a tu espacio de trabajo.
not-found-conversation = Conversación no encontrada
not-found-conversation-missing = Esta conversación no existe o no pertenece a tu espacio de trabajo.
not-found-article = Artículo no encontrado
not-found-article-missing = Este artículo no existe o no pertenece a tu espacio de trabajo.
not-found-ticket = Ticket no encontrado
not-found-ticket-missing = Este ticket no existe o no pertenece a tu espacio de trabajo.

# Campos de los tickets

ticket-status-new = Nuevo
ticket-status-open = Abierto
ticket-status-pending = Pendiente
ticket-status-resolved = Resuelto
ticket-status-closed = Cerrado
priority-low = Baja
priority-medium = Media
priority-high = Alta
priority-critical = Crítica
ticket-type-question = Pregunta
ticket-type-configuration = Configuración
ticket-type-bug = Error
ticket-type-feature_request = Solicitud de función
team-first_line = Primer nivel
team-engineering = Ingeniería
detail-affected = A quién afecta
detail-expected = Qué intentaba hacer o quiere
detail-actual = Qué pasó en su lugar
detail-steps = Pasos justo antes
detail-error_message = Mensajes de error mostrados
detail-environment = Navegador, sistema y versión de la aplicación
detail-since = Desde cuándo
detail-reported_before = Informado antes
detail-deadline = Fecha límite

# Bandeja de entrada

inbox-loading = Cargando conversaciones…
inbox-empty = No hay conversaciones aquí
inbox-title = Conversaciones
inbox-show = Mostrar
inbox-view-all = Todas
inbox-view-mine = Mías
inbox-view-team = Equipo: { $team }
inbox-status = Estado
inbox-search = Buscar conversaciones
inbox-search-placeholder = Nombre, correo o mensaje
inbox-no-messages = Aún no hay mensajes
show-more = Mostrar más
you = Tú
unassigned = Sin asignar
agent-number = Agente n.º { $id }
try-again = Intentar de nuevo
part-not-loaded = No se puede cargar esta parte de la consola. Comprueba tu conexión e inténtalo de nuevo.
retry = Reintentar

# Responsable y estado

chat-status-open = Abierto
chat-status-snoozed = Pospuesto
chat-status-resolved = Resuelto
ownership = Responsable
assignee = Asignado a
team = Equipo
agent-offline = { $name } (desconectado)
resolve = Resolver
reopen = Reabrir
snooze = Posponer
snooze-choose = Posponer…
snooze-hour = 1 hora
snooze-day = 1 día
snooze-week = 1 semana

# La conversación abierta

conversation-pane = Panel de conversación
conversation-select = Selecciona una conversación para leerla y responder.
conversation-loading = Cargando conversación…
conversation = Conversación
visitor-typing = El visitante está escribiendo…
message-sending = Enviando…
message-failed = Error
note-label = Nota · solo la ven los agentes
history-target-agent = { $agent } ({ $team })
history-target-queue = la cola de { $team }
history-assigned = { $actor } asignó este chat a { $target }
history-routed = Enviado a { $target }
history-returned-offline = Devuelto a { $target }: la persona asignada estaba desconectada
history-returned-deactivated = Devuelto a { $target }: la persona asignada fue desactivada
history-snoozed = { $actor } pospuso este chat hasta { $until }
history-resolved = { $actor } resolvió este chat
history-opened-again = El chat se abrió de nuevo
history-reopened = { $actor } reabrió este chat
history-emailed =
    { $count ->
        [one] El visitante no estaba: { $count } respuesta enviada por correo a { $to }
       *[other] El visitante no estaba: { $count } respuestas enviadas por correo a { $to }
    }

# Redactor

composer-note = Nota
composer-reply = Respuesta
composer-note-placeholder = Escribe una nota para tu equipo; el visitante nunca la ve
composer-reply-placeholder = Escribe una respuesta…
composer-write = Escribir
attach-files = Adjuntar archivos
composer-hint = Intro para enviar, Mayús+Intro para una línea nueva, / para respuestas guardadas
composer-add-note = Añadir nota
composer-send = Enviar
chat-sending-too-fast = Estás enviando mensajes demasiado rápido. Saldrán en un momento.
message-not-delivered = No entregado.
console-title = Consola de Helpline
alert-new-chat = Chat nuevo
alert-new-message = Mensaje nuevo

# Panel del visitante

visitor = Visitante
identity-verified-hash = Verificado con user_hash
identity-verified-token = Verificado con un token de identidad
identity-unverified = Sin verificar: lo que afirma la página anfitriona, no comprobado
fact-name = Nombre
fact-email = Correo electrónico
fact-user-id = ID de usuario
fact-company-id = ID de empresa
fact-page = Página
fact-browser = Navegador
fact-first-seen = Visto por primera vez
fact-last-seen = Visto por última vez
fact-verified = verificado
fact-claims = afirma
unknown = Desconocido
browser-on-system = { $browser } en { $system }
browser-unknown-on-system = Un navegador en { $system }
browser-unknown = Navegador desconocido

# Acceso de soporte

access-title = Acceso de soporte
access-unavailable = No disponible: el acceso de soporte requiere un visitante verificado por la aplicación anfitriona.
access-level-view = Solo ver
access-level-act = Actuar en su nombre
duration-hours =
    { $count ->
        [one] { $count } hora
       *[other] { $count } horas
    }
duration-days =
    { $count ->
        [one] { $count } día
       *[other] { $count } días
    }
actor-agent = agente
actor-user = usuario
actor-host = aplicación anfitriona
access-granted-until = { $level } hasta { $until }
access-none = Sin acceso
access-asked = { $level } durante { $duration }, solicitado por { $agent }
access-requested = Solicitado, esperando su respuesta
access-action-by = por { $actor },
access-recent = Acciones recientes
access-request = Solicitar acceso
access-level = Nivel
access-for = Para

# Pasar un chat a ticket

handoff-end-question = ¿Finalizar este chat? Se pedirá al visitante que lo valore.
handoff-ended = Chat finalizado. Se pide al visitante que lo valore.
handoff-escalate = Convertir en ticket
handoff-end = Finalizar chat
handoff-created = Ticket n.º { $number } creado
handoff-title = Convertir en un ticket por correo
field-subject = Asunto
field-type = Tipo
field-priority = Prioridad
handoff-email = Correo del visitante
handoff-email-hint = Opcional. Sin él, el messenger pregunta al visitante adónde enviar la respuesta.
handoff-create = Crear ticket
cancel = Cancelar

# Respuestas guardadas en el redactor

replies-load-failed = No se pudieron cargar las respuestas guardadas: { $error }
replies-loading = Cargando respuestas guardadas…
replies-label = Respuestas guardadas

# Tickets

tickets-views = Vistas de tickets
tickets-queue = Cola
tickets-ratings = Valoraciones
tickets-loading = Cargando tickets…
tickets-none-match = Ningún ticket coincide con estos filtros.
tickets-col-ticket = Ticket
tickets-col-requester = Solicitante
tickets-col-due = Vence
tickets-no-address = Aún sin dirección
tickets-nothing-owed = Nada pendiente
tickets-breached = Incumplido
filters-label = Filtrar tickets
filters-search = Buscar tickets
filters-search-placeholder = Número, asunto o solicitante
filters-statuses = Estados mostrados
filters-any-priority = Cualquier prioridad
filters-any-type = Cualquier tipo
filters-anyone = Cualquiera
filters-me = Yo
filters-breached-only = Solo incumplidos

# Centro de ayuda

help-sections = Secciones del centro de ayuda
help-articles = Artículos
help-insights = Estadísticas

# Configuración

save = Guardar
saved = Guardado
settings-title = Configuración del espacio de trabajo
settings-back = Volver a la bandeja de entrada
settings-workspace = Espacio de trabajo
settings-app-id = ID de la aplicación
settings-snippet = Código para insertar
settings-snippet-hint = Pega esto en cada página que deba mostrar el messenger, justo antes de { $tag }.
settings-origins = Orígenes permitidos
settings-origins-hint = Sitios que pueden insertar el messenger, un origen por línea, p. ej. https://www.example.com
appearance-title = Apariencia del messenger
appearance-language = Idioma predeterminado
appearance-language-hint = El messenger usa el idioma que indica tu aplicación; si no, el idioma del navegador del visitante si es inglés, alemán, español o árabe; si no, este.
appearance-theme = Colores
appearance-theme-auto = Seguir el sistema del visitante
appearance-theme-light = Claro
appearance-theme-dark = Oscuro

brand-colour = Color de marca
brand-colour-hint = El botón de ayuda, los mensajes del visitante y los botones. El texto encima es blanco o negro, el que se lea mejor; los enlaces reciben un tono legible sobre fondos claros y oscuros.
brand-preview = Ayuda
brand-logo = Logotipo
brand-logo-hint = PNG, JPEG, GIF o WebP, hasta 256 KB, en la cabecera de la mensajería.
brand-logo-current = Logotipo actual
brand-logo-remove = Quitar logotipo
brand-position = Posición del botón de ayuda
brand-position-right = Abajo a la derecha
brand-position-left = Abajo a la izquierda
brand-words = Sus propios textos
brand-words-hint = Los campos vacíos conservan los textos de Helpline en ese idioma.
brand-words-language = Idioma
brand-launcher-label = Texto del botón de ayuda
brand-greeting = Saludo
brand-away-message = Mensaje de ausencia
brand-words-save = Guardar textos

# El ticket abierto

ticket-choose = Elige un ticket de la cola.
ticket-loading = Cargando ticket…
ticket-back = Volver a la cola
ticket-needs-email = Esperando la dirección de correo del visitante. Las respuestas saldrán cuando la indique.
unsaved-changes = Cambios sin guardar
details-escalate = Escalar a ingeniería
details-back-to-first-line = Devolver a primer nivel
details-team = Equipo:
details-nothing-missing = No falta nada: ingeniería tiene lo que necesita.
details-still-missing = Aún falta:
details-title = Detalles técnicos
details-save = Guardar detalles
escalate-nothing-missing = Están completos todos los detalles que necesita ingeniería.
escalate-missing = Aún falta: { $details }.
escalate-unsaved = El formulario de detalles tiene cambios sin guardar; guárdalos primero para incluirlos.
escalate-ask = ¿Escalar a ingeniería?
not-given = No indicado
not-given-yet = Aún no indicado
requester-unconfirmed = sin confirmar: el correo a esta dirección no repite nada de lo que escribió
requester-user-id = ID de usuario en la aplicación
requester-company-id = ID de empresa
followers = Seguidores
followers-hint = Reciben copia de las respuestas públicas.
context = Contexto
satisfaction = Satisfacción
rating-out-of-five = { $rating } de 5
open-chat = Abrir el chat
transcript-summary =
    { $count ->
        [one] Transcripción del chat ({ $count } mensaje)
       *[other] Transcripción del chat ({ $count } mensajes)
    }
ticket-reply-hint = Las respuestas se envían por correo a { $email }. Las notas internas solo las ven los agentes.
ticket-reply-hint-no-address = Las respuestas se envían por correo cuando el solicitante indique una dirección. Las notas internas solo las ven los agentes.
ticket-send-reply = Enviar respuesta
ticket-add-note = Añadir nota interna
ticket-ask-info = Pedir más información
file-uploading = Subiendo { $name }
file-ready = Listo
file-remove = Quitar
files-attached = Archivos adjuntos
thread-title = Conversación e historial
thread-show-original = Ver original
thread-attached = Adjuntos:
thread-public-reply = Respuesta pública
thread-customer = Cliente
thread-internal-note = Nota interna
thread-new-ticket = Ticket nuevo
thread-show-auto-reply = Ver la respuesta automática
thread-file-not-kept = no conservado: { $reason }; está en el original

# Historial del ticket

event-by-agent = Un agente
event-by-requester = El solicitante
event-changed-from-to =
    { $field ->
        [status] { $who } cambió el estado de { $old } a { $new }
        [priority] { $who } cambió la prioridad de { $old } a { $new }
        [type] { $who } cambió el tipo de { $old } a { $new }
       *[team] { $who } cambió el equipo de { $old } a { $new }
    }
event-set =
    { $field ->
        [status] { $who } puso el estado en { $new }
        [priority] { $who } puso la prioridad en { $new }
        [type] { $who } puso el tipo en { $new }
       *[team] { $who } puso el equipo en { $new }
    }
event-cleared =
    { $field ->
        [status] { $who } quitó el estado (era { $old })
        [priority] { $who } quitó la prioridad (era { $old })
        [type] { $who } quitó el tipo (era { $old })
       *[team] { $who } quitó el equipo (era { $old })
    }
event-changed =
    { $field ->
        [status] { $who } cambió el estado
        [priority] { $who } cambió la prioridad
        [type] { $who } cambió el tipo
       *[team] { $who } cambió el equipo
    }
event-created = { $who } abrió el ticket
event-created-from =
    { $source ->
        [chat] { $who } abrió el ticket desde un chat
        [widget_form] { $who } abrió el ticket con el formulario de correo del messenger
        [email] { $who } abrió el ticket por correo
       *[api] { $who } abrió el ticket a través de la API
    }
event-created-other = { $who } abrió el ticket ({ $source })
event-replied = { $who } respondió
event-noted = { $who } añadió una nota interna
event-wrote = { $who } escribió
event-assigned = { $who } asignó el ticket a { $new }
event-reassigned = { $who } reasignó el ticket de { $old } a { $new }
event-unassigned = { $who } quitó la asignación a { $old }
event-assignee-changed = { $who } cambió la persona asignada
event-escalated = { $who } escaló el ticket a ingeniería
event-sent-back = { $who } devolvió el ticket a primer nivel
event-tags-set = { $who } puso las etiquetas { $tags }
event-tags-removed = { $who } quitó las etiquetas
event-delivery-failed = No se pudo entregar un correo
event-delivery-deferred-attempt = Aún no se pudo entregar un correo (intento { $attempt }); se volverá a intentar
event-delivery-deferred = Aún no se pudo entregar un correo; se volverá a intentar
event-followers-named = Ahora siguen: { $addresses }
event-followers = Las personas en copia del correo ahora siguen el ticket
event-reminder-sent = Se envió un recordatorio al solicitante
event-rated-stars = { $who } valoró el ticket con { $rating } de 5
event-rated = { $who } valoró el ticket
event-auto-reply = Llegó una respuesta automática (sin contestar)
event-details-changed = { $who } actualizó los detalles técnicos
event-requester-address = { $who } puso la dirección del solicitante en { $address }
event-requester-changed = { $who } cambió el solicitante
event-mail-withheld = No se envió acuse de recibo: la dirección no está verificada y ya recibió su correo de hoy
event-address-verified-reply = El solicitante confirmó su dirección al responder
event-address-verified-link = El solicitante confirmó su dirección con el enlace enviado
event-address-verified = Se confirmó la dirección del solicitante
field-tags = Etiquetas
ticket-tags-placeholder = facturación, exportación
ticket-discard-question = Los detalles técnicos de este ticket tienen cambios sin guardar. ¿Descartarlos?
ticket-number = Ticket n.º { $number }
chat-number = Chat { $id }
ratings-loading = Cargando valoraciones…
ratings-none = Aún no hay valoraciones.
ratings-average =
    { $count ->
        [one] Media de { $average } sobre 5, de { $count } valoración
       *[other] Media de { $average } sobre 5, de { $count } valoraciones
    }
ratings-col-rating = Valoración
ratings-col-comment = Comentario
ratings-col-rated = Valorado
ratings-hint = Las valoraciones más recientes de solicitantes y visitantes del chat, de 1 (mala) a 5 (excelente).
ratings-no-comment = Sin comentario
ratings-of-five = { $rating } / 5
article-discard-question = Este artículo tiene cambios sin guardar. ¿Salir y descartarlos?
article-deleted = «{ $title }» eliminado
ticket-agent-number = Agente { $id }

# Artículos del centro de ayuda

none = Ninguna
delete = Eliminar
field-title = Título
field-category = Categoría
articles-loading = Cargando artículos…
articles-none = Aún no hay artículos. Escribe el primero.
articles-col-updated = Actualizado
article-new = Artículo nuevo
article-draft = Borrador
article-published = Publicado
article-loading = Cargando artículo…
article-back = Volver a los artículos
article-draft-saved = Borrador guardado
article-unpublished = Retirado: los visitantes ya no lo ven
article-slug = Slug
article-slug-hint = La dirección del artículo, p. ej. como-pido-un-reembolso. Si se deja vacía, se crea a partir del título.
article-no-category = Sin categoría
article-locale = Idioma (opcional)
article-tags-hint = Separa las etiquetas con comas.
article-body = Cuerpo
article-body-hint = Markdown: **negrita**, _cursiva_, # títulos, - listas, [enlaces](https://…), tablas.
article-save-changes = Guardar cambios
article-save-draft = Guardar borrador
article-unpublish = Retirar
article-publish = Publicar
article-confirm-deletion = Confirmar eliminación
article-delete-question = ¿Eliminar este artículo definitivamente?
article-delete = Eliminar artículo
categories = Categorías
categories-loading = Cargando categorías…
categories-none = Aún no hay categorías.
category-add-title = Añadir una categoría
category-name = Nombre de la categoría
category-description = Descripción (opcional)
category-order = Orden
category-order-hint = Los números menores van primero; 0 si se deja vacío.
category-order-invalid = El orden es un número entero, como 0 o 10.
category-add = Añadir categoría
preview = Vista previa
preview-hint = El cuerpo aparece aquí mientras escribes, tal como lo verán los visitantes.
insights-loading = Cargando estadísticas…
insights-no-articles = Aún no hay artículos.
insights-no-answers = Sin respuestas
percent = { $share } %
insights-col-article = Artículo
insights-col-views = Vistas
insights-col-visitors = Visitantes
insights-col-helpful = Útil
insights-col-not-helpful = No útil
insights-col-helpfulness = Utilidad
insights-articles-hint = Los más vistos primero. La utilidad es la proporción de respuestas «sí» a «¿Esto respondió tu pregunta?».
insights-no-missed = Todas las búsquedas encontraron al menos un artículo.
insights-col-search = Búsqueda
insights-col-last-searched = Última búsqueda
insights-missed = Búsquedas sin resultados
insights-missed-hint = Lo que los visitantes buscaron y no encontraron: candidatos para los próximos artículos.

# Informes

field-from = Desde
field-to = Hasta
report-dates = Fechas
report-show = Ver informe
report-last-7 = Últimos 7 días
report-last-30 = Últimos 30 días
report-this-month = Este mes
report-loading = Cargando el informe…
report-covers = Del { $from } al { $to }, en { $zone }. Las duraciones solo cuentan horario laboral.
report-csv = Descargar CSV
report-chats = Chats
report-started = Iniciados
report-created = Creados
report-resolved = Resueltos
report-first-median = Primera respuesta, mediana
report-first-p90 = Primera respuesta, percentil 90
report-resolution-median = Resolución, mediana
report-resolution-p90 = Resolución, percentil 90
report-sla = SLA de tickets
report-first-on-time = Primeras respuestas a tiempo
report-next-on-time = Respuestas siguientes a tiempo
report-breaches = Incumplimientos
report-csat = CSAT (valorado con 4 o 5)
report-average-rating = Valoración media
report-chats-tickets = Chats / tickets
report-deflection = Desvío del centro de ayuda
report-deflected-searches = Búsquedas sin chat ni ticket
report-deflected-views = Vistas de artículos sin chat ni ticket
report-average = { $average } / 5
report-measured = { $duration } ({ $count } medidos)
report-share-of = { $share } % ({ $part } de { $whole })
report-deflected = { $share } % ({ $part } de { $whole }; { $total } en total)
report-too-recent = { $count } demasiado recientes para saberlo
elapsed-seconds = { $count } s
elapsed-minutes = { $count } min
elapsed-hours-minutes = { $hours } h { $minutes } min
elapsed-hours = { $count } h
weekday-1 = Lunes
weekday-2 = Martes
weekday-3 = Miércoles
weekday-4 = Jueves
weekday-5 = Viernes
weekday-6 = Sábado
weekday-7 = Domingo
weekday-short-1 = Lun
weekday-short-2 = Mar
weekday-short-3 = Mié
weekday-short-4 = Jue
weekday-short-5 = Vie
weekday-short-6 = Sáb
weekday-short-7 = Dom
hour-range = { $day } { $from }–{ $to }
volume = Volumen
volume-title = Chats y tickets por día
volume-description = { $chats } chats iniciados y { $tickets } tickets creados en { $days } días; el día con más actividad fue el { $date }, con { $day_chats } chats y { $day_tickets } tickets.
volume-description-empty = No hubo chats ni tickets en { $days } días.
volume-bar-chats = { $date }: { $count } chats iniciados
volume-bar-tickets = { $date }: { $count } tickets creados
chats-started = Chats iniciados
tickets-created = Tickets creados
volume-table = Cifras por día
volume-col-date = Fecha
volume-col-chats-resolved = Chats resueltos
volume-col-tickets-resolved = Tickets resueltos
volume-col-breaches = Incumplimientos de SLA
hours = Horas de más actividad
hours-title = Chats y tickets por hora de la semana
hours-description = La hora de más actividad fue { $hour }, con { $chats } chats y { $tickets } tickets.
hours-description-empty = No llegaron chats ni tickets en este periodo.
hours-cell = { $hour }: { $chats } chats, { $tickets } tickets
hours-table = Horas con solicitudes
hours-col-hour = Hora
ratings-description = { $count } valoraciones, media { $average }: { $scores }.
ratings-rated-score = { $count } con { $score }
ratings-description-empty = No hay valoraciones en este periodo.
ratings-bar = Valorado con { $score }: { $count }
ratings-chart-title = Valoraciones por puntuación
ratings-table = Valoraciones por puntuación
ratings-col-score = Puntuación

# Registro de auditoría

audit-access-requested = Acceso solicitado
audit-access-declined = Acceso rechazado
audit-access-granted = Acceso concedido
audit-access-revoked = Acceso revocado
audit-access-expired = Acceso caducado
audit-access-action = Acciones con un acceso concedido
audit-workspace = Configuración del espacio de trabajo
audit-agents = Agentes
audit-filters = Filtros
audit-action = Acción
audit-show = Ver entradas
audit-none = Ninguna entrada coincide con estos filtros.
audit-loading = Cargando el registro de auditoría…
audit-load-more = Cargar más
audit-who = { $actor } ({ $kind })
audit-col-time = Hora
audit-col-who = Quién
audit-col-user = Usuario
audit-col-summary = Resumen
audit-col-change = Cambio

# Verificación de identidad y claves de API

identity-title = Verificación de identidad
identity-show-secret = Mostrar secreto
identity-rotate-secret = Renovar secreto
identity-require = Exigir identidad verificada: rechazar llamadas a identify sin un user_hash o identity_token válido
api-keys = Claves de API
api-keys-hint = Tu backend envía una como Authorization: Bearer <key> para crear tickets para tus usuarios.
api-keys-loading = Cargando claves…
api-keys-none = Aún no hay claves de API.
api-key-delete-question = ¿Eliminar la clave «{ $name }»? Los backends que la usan ya no podrán crear tickets.
api-key-delete-label = Eliminar la clave { $name }
api-key-created = creada { $at }
api-key-fresh = La clave «{ $name }». Cópiala ahora: solo se muestra una vez.
api-key-name = Nombre de la clave
api-key-name-hint = Qué la usa, p. ej. backend de facturación.
api-key-create = Crear clave

# Equipo

team-role-admin-word = administrador
team-role-agent-word = agente
team-invite-until = hasta { $at }
team-col-agent = Agente
team-col-role = Rol
team-col-capacity = Chats abiertos / capacidad
team-col-teams = Equipos
team-col-access = Acceso
team-invitations = Invitaciones pendientes
team-member-of = { $name } en { $team }
team-reactivate = Reactivar
team-deactivate = Desactivar
team-deactivate-question = ¿Desactivar a este agente? Sus sesiones terminan y sus chats vuelven a la cola.
team-role-of = Rol de { $name }
team-capacity-of = Capacidad de { $name }
team-online = en línea
team-admin = Administrador
team-invite-sent = Invitación enviada a { $email }
team-invite-title = Invitar a un agente
team-invite-send = Enviar invitación

# Respuestas guardadas en la configuración

edit = Editar
replies-none = Aún no hay respuestas guardadas.
replies-hint = Respuestas que los agentes insertan en un chat o en la respuesta a un ticket escribiendo / y el atajo, p. ej. /reembolso.
reply-saved = /{ $shortcut } guardada
reply-delete-question = ¿Eliminar la respuesta guardada /{ $shortcut }?
reply-deleted = /{ $shortcut } eliminada
reply-edit-label = Editar /{ $shortcut }
reply-delete-label = Eliminar /{ $shortcut }
reply-change = Cambiar respuesta guardada
reply-new = Nueva respuesta guardada
reply-shortcut = Atajo
reply-shortcut-hint = Se escribe después de /: minúsculas, dígitos, - y _.
reply-text = Texto de la respuesta
reply-text-hint = Variables: { $variables }. En un ticket, el visitante es el solicitante. { $fallback } escribe «there» cuando no se conoce el nombre.
reply-add = Añadir respuesta guardada

# Horario de atención

check-fields = Revisa los campos marcados.
support-days-invalid = introduce un número entero de días, como 3
support-requests-invalid = introduce un número entero de solicitudes o déjalo vacío
support-title = Horario de atención
support-hint = Los objetivos de respuesta se cuentan en este horario: crítica 8 horas laborables, alta 12, media 24, baja 2 días laborables.
support-time-zone = Zona horaria
support-time-zone-hint = Un nombre de zona horaria IANA, como Europe/Madrid o America/Mexico_City.
support-weekly = Horario semanal
support-weekly-hint = Vacío si está cerrado, 09:00-17:00, o 09:00-12:00, 13:00-17:00.
support-holidays = Festivos
support-holidays-hint = Días cerrados todo el día, uno por línea, p. ej. 2026-12-25.
support-reminder = Recordatorio a los (días)
support-reminder-hint = Un ticket pendiente espera este tiempo al cliente antes de un recordatorio.
support-close = Cerrar a los (días)
support-close-hint = Un ticket pendiente espera este tiempo antes de cerrarse.
support-requests = Solicitudes de «Escríbenos» al día
support-requests-hint = Las que superen el límite en 24 horas se rechazan, para que una avalancha no llegue a tu bandeja de entrada. Vacío para el valor predeterminado del servidor.
support-default-unlimited = Valor predeterminado del servidor: sin límite.
support-default = Valor predeterminado del servidor: { $count }.
support-notify = Dirección de aviso
support-notify-hint = Un chat sin respuesta durante demasiado tiempo se envía por correo a los agentes en línea, o aquí si no hay nadie. Vacío para ninguna.
support-update = Actualizar horario de atención
support-updated = Horario de atención actualizado

# Adjuntar un archivo (igual que en el catálogo de la otra aplicación)
upload-unsupported = Este navegador no puede subir archivos.
upload-not-understood = No se entendió la respuesta del servidor. Inténtelo de nuevo.
upload-not-reached = El archivo no llegó al servidor. Inténtelo de nuevo.
upload-not-started = No se pudo empezar a subir el archivo. Inténtelo de nuevo.
upload-failed = No se pudo subir el archivo. Inténtelo de nuevo.
upload-too-many = Demasiados archivos a la vez. Inténtelo de nuevo en { $seconds } s.
upload-over-limit = Los archivos pueden ocupar como máximo { $megabytes } MB.
