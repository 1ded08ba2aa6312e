# El mensajero: todo lo que lee un visitante, en español (tratándolo de usted).

# Compartidos por varias pantallas

try-again = Volver a intentarlo
part-not-loaded = No se ha podido cargar esta parte del chat. Compruebe su conexión y vuelva a intentarlo.
error-too-many-requests = Está enviando solicitudes demasiado rápido. Espere un momento y vuelva a intentarlo.
reply-by = Le responderemos a más tardar el { $when }
reply-as-soon-as-possible = Le responderemos lo antes posible
file-size-bytes =
    { $count ->
        [one] { $count } byte
       *[other] { $count } bytes
    }
file-size-kilobytes = { $count } KB
file-size-megabytes = { $size } MB

# Encabezado y área de estado

header-title = Asistencia
header-back = Atrás
header-close = Cerrar
header-online = Estamos en línea
header-away = Ahora no estamos: deje un mensaje y le responderemos aquí
status-unreachable = No podemos conectar con el equipo de asistencia en este momento. Seguiremos intentándolo.
status-reconnecting = Reconectando…

# Conversación

chat-log-label = Conversación
chat-empty = Pregúntenos lo que quiera; le responderemos aquí mismo.
chat-agent-typing = El equipo de asistencia está escribiendo…
chat-sending = Enviando…
chat-retry = Reintentar
chat-not-delivered = Todavía no se ha entregado.
chat-sending-too-fast = Está enviando mensajes demasiado rápido. Espere un momento, por favor.
chat-refused-empty = Escriba algo antes de enviar.
chat-refused-too-long = Este mensaje es demasiado largo. Divídalo en otros más cortos.
chat-refused-files = Demasiados archivos para un mensaje. Envíe algunos con el siguiente.
chat-refused-gone = Un archivo ya no está. Adjúntelo de nuevo.
chat-refused-internal = Algo ha fallado por nuestra parte. Inténtelo de nuevo.
chat-refused = No se pudo enviar este mensaje.
chat-cards-label = Sobre este chat

# Cuadro de mensaje

composer-label = Mensaje
composer-placeholder = Escriba un mensaje…
composer-attach = Adjuntar archivos
composer-send = Enviar
composer-characters-left =
    { $count ->
        [one] Queda { $count } carácter
       *[other] Quedan { $count } caracteres
    }
composer-characters-over =
    { $count ->
        [one] { $count } carácter por encima del límite
       *[other] { $count } caracteres por encima del límite
    }

# Archivos adjuntos

attachments-label = Archivos adjuntos
attachment-uploading = Subiendo { $name }
attachment-cancel = Cancelar
attachment-remove = Quitar
attachment-retry = Reintentar
attachment-file = { $name } ({ $size })

# Capturas de pantalla

screenshot-take = Hacer una captura de pantalla
screenshot-title = Captura de pantalla
screenshot-hint = Arrastre sobre cualquier dato privado para taparlo. No se envía nada hasta que usted la adjunte.
screenshot-canvas-label = Captura de pantalla que se enviará
screenshot-undo = Deshacer
screenshot-cancel = Cancelar
screenshot-attach = Adjuntar captura
screenshot-unavailable = Este navegador no permite hacer capturas de pantalla. Puede adjuntar una imagen en su lugar.
screenshot-not-allowed = No se ha permitido capturar la pantalla. Puede adjuntar una imagen en su lugar.
screenshot-no-frame = No se ha podido hacer la captura de pantalla. Puede adjuntar una imagen en su lugar.

# Centro de ayuda

help-search-label = Buscar artículos de ayuda
help-search-placeholder = Buscar ayuda
help-results-label = Resultados de la búsqueda
help-searching = Buscando…
help-no-results = No se han encontrado artículos
help-article-count =
    { $count ->
        [one] { $count } artículo
       *[other] { $count } artículos
    }
help-home-loading = Cargando artículos de ayuda…
help-popular = Artículos populares
help-topics = Explorar temas
help-category-loading = Cargando artículos…
help-category-empty = Todavía no hay artículos aquí.
help-article-loading = Cargando el artículo…
help-suggestions = Esto podría ayudarle
help-unreachable = No podemos conectar con el centro de ayuda en este momento. Vuelva a intentarlo.
help-home-unavailable = Los artículos de ayuda no están disponibles en este momento.
help-search-unavailable = La búsqueda no está disponible en este momento.
help-category-gone = Esta categoría ya no está disponible.
help-article-gone = Este artículo ya no está disponible.

# Valoración de artículos

help-feedback-label = Valoración
help-feedback-question = ¿Ha respondido esto a su pregunta?
help-feedback-yes = Sí
help-feedback-no = No
help-feedback-failed = No hemos podido guardar su respuesta. Vuelva a intentarlo.
help-feedback-thanks = ¡Gracias por hacérnoslo saber!
help-feedback-sorry = Gracias por decírnoslo. Sentimos que no le haya servido; con mucho gusto le responderemos nosotros mismos.

# Formas de hablar con una persona

contact-away = Ahora mismo no estamos
contact-unread =
    { $count ->
        [one] { $count } respuesta nueva
       *[other] { $count } respuestas nuevas
    }
contact-chat = Chatear con nosotros
contact-email = Escribirnos un correo
contact-tickets = Sus tickets

# El formulario de correo

ticket-form-title = Escríbanos un correo
ticket-form-type = Tipo
ticket-type-question = Pregunta
ticket-type-configuration = Configuración
ticket-type-bug = Error
ticket-type-feature-request = Propuesta de función
ticket-field-email = Su correo electrónico
ticket-field-name = Su nombre (opcional)
ticket-field-subject = Asunto
ticket-field-description = Descripción
ticket-field-goal = ¿Qué quiere conseguir?
ticket-field-expected = ¿Qué intentaba hacer?
ticket-field-actual = ¿Qué ocurrió en su lugar?
ticket-field-error-message = Mensaje de error que apareció (si lo hubo)
ticket-field-since = ¿Desde cuándo?
ticket-form-files = Capturas de pantalla o archivos (opcional)
ticket-form-send = Enviar
form-not-sent = No hemos podido enviarlo. Compruebe su conexión y vuelva a intentarlo.
ticket-attached-title = Se envía automáticamente
ticket-attached-page = Página
ticket-attached-browser = Navegador
ticket-attached-screen = Pantalla
ticket-browser-on-system = { $browser } en { $system }
ticket-browser-unknown = Desconocido
ticket-page-errors =
    { $count ->
        [one] Enviar el error que mostró esta página
       *[other] Enviar los { $count } errores que mostró esta página
    }
ticket-page-errors-details = Qué dicen
ticket-sent-title = Ticket #{ $number }
ticket-sent-email = Le hemos enviado una confirmación a { $email }

# Un chat que pasa a correo

handoff-question = ¿A qué dirección enviamos nuestra respuesta al ticket #{ $number }?
handoff-send = Enviar
handoff-answered = Le responderemos en { $email }

# Los tickets del visitante

tickets-title = Sus tickets
tickets-loading = Cargando sus tickets…
tickets-empty = Todavía no tiene tickets.
tickets-unavailable = No podemos cargar sus tickets en este momento.
tickets-number = #{ $number }
ticket-status-needs-email = Pendiente de su dirección de correo
ticket-status-new = Recibido
ticket-status-open = En curso
ticket-status-pending = Pendiente de su respuesta
ticket-status-resolved = Resuelto
ticket-status-closed = Cerrado

# Valoración de un chat terminado

rating-question = ¿Qué tal ha ido este chat?
rating-stars = Valorar con { $stars } de 5
rating-comment = Comentario (opcional)
rating-send = Enviar valoración
rating-thanks = Gracias por su valoración

# Acceso de asistencia

access-title = Acceso de asistencia
access-entry-requested = El equipo de asistencia pide acceso
access-entry-on-until = Activo hasta las { $time }
access-loading = Cargando…
access-unavailable = No podemos cargar su configuración de acceso de asistencia en este momento.
access-unverified = El acceso de asistencia requiere una cuenta verificada. Inicie sesión en la aplicación que está usando; si ya ha iniciado sesión, la aplicación aún no nos ha confirmado quién es usted, así que desde aquí no se puede dar a nadie acceso a su cuenta.
access-level-view = Solo ver
access-level-act = Actuar en mi nombre
access-level-view-explained = El equipo de asistencia puede ver su cuenta tal como usted la ve. No puede cambiar nada.
access-level-act-explained = El equipo de asistencia puede hacer cambios en su cuenta por usted, como si fuera usted.
access-hours =
    { $count ->
        [one] { $count } hora
       *[other] { $count } horas
    }
access-days =
    { $count ->
        [one] { $count } día
       *[other] { $count } días
    }
access-active-title = El equipo de asistencia tiene acceso a su cuenta
access-active-who = Quién
access-active-who-value = El equipo de asistencia
access-active-level = Nivel
access-active-until = Hasta
access-revoke = Revocar el acceso
access-grant-intro = Permita que nuestro equipo de asistencia revise su cuenta o le arregle algo en ella. Cada cambio que haga queda registrado y se muestra aquí.
access-grant-level = ¿Qué puede hacer el equipo de asistencia?
access-grant-duration = ¿Durante cuánto tiempo?
access-grant-confirm =
    El equipo de asistencia tendrá acceso «{ $level ->
        [view] solo ver
       *[act] actuar en su nombre
    }» durante { $duration }. Puede revocarlo en cualquier momento.
access-grant-button = Dar acceso
access-grant-confirm-button = Confirmar el acceso
access-request-label = Solicitud de acceso
access-request =
    { $agent }, del equipo de asistencia, pide acceso «{ $level ->
        [view] solo ver
       *[act] actuar en su nombre
    }» durante { $duration }.
access-request-allow = Permitir
access-request-decline = Rechazar
access-actions-title = Lo que ha hecho el equipo de asistencia
access-action = { $summary }, por { $actor }, del equipo de asistencia, { $time }

# The messenger's name for screen readers, told apart from the host page's own main content
messenger-name = Mensajería de soporte

# The messenger opened without an app id in its address
messenger-misconfigured = Esta mensajería no está bien configurada: a su dirección le falta el ID de la aplicación.

# Adjuntar un archivo (igual que en el catálogo de la otra aplicación)
upload-unsupported = Este navegador no puede subir archivos.
upload-not-understood = No se entendió la respuesta del servidor. Inténtelo de nuevo.
upload-not-reached = El archivo no llegó al servidor. Inténtelo de nuevo.
upload-not-started = No se pudo empezar a subir el archivo. Inténtelo de nuevo.
upload-failed = No se pudo subir el archivo. Inténtelo de nuevo.
upload-too-many = Demasiados archivos a la vez. Inténtelo de nuevo en { $seconds } s.
upload-over-limit = Los archivos pueden ocupar como máximo { $megabytes } MB.
