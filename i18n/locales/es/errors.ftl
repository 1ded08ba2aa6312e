# Las frases con las que el servidor rechaza algo, en español.

# Peticiones enteras

invalid = revise los campos marcados
unauthorized = inicie sesión primero
bad-credentials = correo o contraseña incorrectos
origin-not-allowed = este origen no tiene permitido hacer peticiones a este espacio de trabajo
csrf = falta el token CSRF o no es válido
unavailable = el servidor se está deteniendo
busy = el servidor está ocupado; inténtelo de nuevo en un momento
internal = algo ha fallado por nuestra parte; inténtelo de nuevo
method-not-allowed = esta ruta no acepta el método { $method }
body-too-large = la petición es más grande de lo que acepta este punto de acceso
body-too-large-max = la petición es más grande de lo que acepta este punto de acceso ({ $max } bytes)

# Campos de formulario comunes a toda forma de abrir un ticket

too-long = use menos de { $max } caracteres
email-missing = escriba su dirección de correo para que podamos responderle
email-invalid = escriba una dirección de correo como jane@example.com
one-line = use como máximo { $max } caracteres en una sola línea
page-errors-too-many = envíe como máximo { $max } errores
page-errors-too-long = cada error debe tener menos de { $max } caracteres
tags-invalid = use como máximo { $tags } etiquetas de { $max } caracteres como máximo
page-url-invalid = indique una dirección http o https de { $max } bytes como máximo
attributes-too-many = envíe como máximo { $max } atributos
attributes-invalid = dé un nombre a cada atributo, y que nombres y valores ocupen una línea de { $max } caracteres como máximo
files-too-many = envíe como máximo { $max } archivos a la vez
file-gone = un archivo ya no está: adjúntelo de nuevo

# Lo que necesita un campo que se dejó vacío

missing-subject-short = añada un asunto breve
missing-subject = añada un asunto
missing-ticket-subject = ponga un asunto al ticket
missing-need = díganos con qué necesita ayuda
missing-description = añada una descripción
missing-tried = diga qué intentaba hacer
missing-happened = diga qué ocurrió en su lugar
missing-goal = diga qué quiere conseguir
missing-reply = escriba primero una respuesta
missing-note = escriba primero una nota
missing-reply-title = ponga a la respuesta un título que el equipo reconozca
missing-reply-text = escriba el texto que inserta la respuesta
missing-key-name = nombre la clave según lo que la usa
rating-range = elija una valoración del 1 al 5

# Formularios de ajustes en la consola

title-one-line = el título debe caber en una línea
team-name = escriba un nombre de 1 a { $max } caracteres en una línea
hours-weekly = indique el horario de los siete días, empezando por el lunes
reminder-days = elija entre 1 y 365 días
close-days = elija más días que para el recordatorio, como máximo 365
tickets-per-day = elija entre 1 y 100000 tickets al día, o déjelo vacío para usar el valor predeterminado

# Archivos

file-empty = el archivo está vacío
file-too-large-mb = el archivo supera los { $mb } MB
file-type-refused = no se aceptan archivos de tipo { $type }
file-unrecognised = no se reconoce el tipo del archivo
file-damaged = la imagen está dañada
file-name = ponga al archivo un nombre de 1 a { $max } caracteres
file-over-limit = un archivo puede ocupar como máximo { $size }
files-full-agent = el almacenamiento de archivos del espacio de trabajo está lleno; consulte a un administrador
files-full-visitor = ahora mismo no caben más archivos; descríbalo con palabras
file-infected = el archivo contiene software malicioso ({ $name }) y se ha rechazado
scanner-down = ahora no se pueden analizar los archivos en busca de software malicioso, así que no se acepta ninguno; inténtelo más tarde
upload-interrupted = la subida se interrumpió

# Los demás formularios y acciones de la consola, y la página con la que el
# mensajero rechaza.

# Apariencia
locale-choose = elija uno de en, de, es o ar
brand-colour = escriba el color como #rrggbb, por ejemplo #0b7285
locale-once = cada idioma puede aparecer una sola vez
keep-to =
    { $max ->
        [one] use como máximo { $max } carácter
       *[other] use como máximo { $max } caracteres
    }
control-characters = quite los caracteres de control
logo-type = use una imagen PNG, JPEG, GIF o WebP

# Artículos y categorías
article-title-length =
    { $max ->
        [one] un título tiene entre 1 y { $max } carácter
       *[other] un título tiene entre 1 y { $max } caracteres
    }
article-body-length =
    { $max ->
        [one] un artículo puede tener como máximo { $max } carácter
       *[other] un artículo puede tener como máximo { $max } caracteres
    }
article-too-deep =
    { $max ->
        [one] este texto anida citas, listas o elementos HTML en más de { $max } nivel; simplifíquelo para poder mostrarlo
       *[other] este texto anida citas, listas o elementos HTML en más de { $max } niveles; simplifíquelo para poder mostrarlo
    }
article-slug-invalid = «{ $slug }» no es un slug válido: use minúsculas, dígitos, «-» y «/»
article-slug-missing = indique un slug: el título no tiene letras ni dígitos
article-slug-taken = otro artículo ya usa el slug «{ $slug }»
article-category-missing = la categoría { $id } no existe
article-tag-length =
    { $max ->
        [one] las etiquetas tienen como máximo { $max } carácter en una línea
       *[other] las etiquetas tienen como máximo { $max } caracteres en una línea
    }
article-tags-count =
    { $max ->
        [one] como máximo { $max } etiqueta
       *[other] como máximo { $max } etiquetas
    }
article-locale = «{ $locale }» no es un idioma como en o pt-BR
category-name-length =
    { $max ->
        [one] el nombre de una categoría tiene entre 1 y { $max } carácter
       *[other] el nombre de una categoría tiene entre 1 y { $max } caracteres
    }
category-name-taken = ya existe una categoría llamada «{ $name }»

# Agentes e invitaciones
capacity-range =
    { $max ->
        [one] la capacidad va de 0 a { $max } chat abierto
       *[other] la capacidad va de 0 a { $max } chats abiertos
    }
own-admin-rights = pídaselo a otro administrador: no puede quitarse sus propios permisos de administrador ni desactivarse
last-admin = un espacio de trabajo conserva al menos un administrador activo
no-such-agent = no existe ese agente
agent-deactivated = { $name } está desactivado
already-agent = { $email } ya es agente
invitations-waiting =
    { $count ->
        [one] ya hay { $count } invitación pendiente
       *[other] ya hay { $count } invitaciones pendientes
    }
mail-address-refused = no se puede enviar correo a esta dirección: { $error }

# Respuestas guardadas
shortcut-taken = otra respuesta guardada ya usa el atajo /{ $shortcut }
saved-replies-full =
    { $max ->
        [one] este espacio de trabajo tiene { $max } respuesta guardada, todas las que puede tener; bórrela antes de añadir otra
       *[other] este espacio de trabajo tiene { $max } respuestas guardadas, todas las que puede tener; borre una antes de añadir otra
    }

# Chats y tickets
search-too-long =
    { $max ->
        [one] busque como máximo { $max } carácter
       *[other] busque como máximo { $max } caracteres
    }
snooze-range = una posposición termina en el futuro, dentro de un año
snooze-until = indique hasta cuándo
snooze-not-snoozed = solo un chat pospuesto tiene fin de posposición
chat-already-ticket = este chat ya es el ticket #{ $number }
notes-no-files = las notas internas no admiten archivos; adjúntelos a una respuesta
reply-files-too-many =
    { $max ->
        [one] envíe como máximo { $max } archivo con una respuesta
       *[other] envíe como máximo { $max } archivos con una respuesta
    }
file-gone-upload = un archivo ya no está: súbalo de nuevo
ticket-has-address = el ticket #{ $number } ya tiene una dirección
ticket-transition = un ticket no puede pasar de «{ $from }» a «{ $to }»
ticket-state-new = nuevo
ticket-state-open = abierto
ticket-state-pending = pendiente
ticket-state-resolved = resuelto
ticket-state-closed = cerrado
ticket-closed = el ticket está cerrado; no se puede reabrir, abra uno nuevo
ticket-foreign-agent = el agente no pertenece al espacio de trabajo del ticket
ticket-duplicate = el ticket ya tiene este mensaje
ticket-no-address = el solicitante aún no ha dado una dirección de correo
ticket-stale = el ticket ha cambiado mientras tanto

# Informes
report-too-long =
    { $max ->
        [one] un informe abarca como máximo { $max } día; este intervalo tiene { $days }
       *[other] un informe abarca como máximo { $max } días; este intervalo tiene { $days }
    }
report-from-missing = indique el primer día del informe como AAAA-MM-DD
report-to-missing = indique el último día del informe como AAAA-MM-DD
report-from-unreadable = no se puede leer { $text } como fecha; escriba el primer día así: 2026-03-31
report-to-unreadable = no se puede leer { $text } como fecha; escriba el último día así: 2026-03-31
report-backwards = el último día ({ $to }) es anterior al primero ({ $from })
report-out-of-range = las fechas quedan fuera del rango del calendario

# Acceso de soporte
access-duration = elija cuánto tiempo puede tener acceso el soporte: 1 hora, 24 horas o 7 días
access-already-granted = el soporte ya tiene acceso hasta { $until }; revóquelo primero para concederlo de otra forma
access-visitor-not-verified = la aplicación anfitriona no ha verificado a este visitante, así que no puede conceder acceso a una cuenta
access-already-requested = el usuario ya tiene una solicitud pendiente; espere su respuesta
grant-inactive = el permiso se revocó o ha caducado
grant-inactive-action = el permiso se revocó o ha caducado: ya no se puede hacer nada con él
grant-actions-full =
    { $max ->
        [one] un permiso registra como máximo { $max } acción; pida al usuario un permiso nuevo
       *[other] un permiso registra como máximo { $max } acciones; pida al usuario un permiso nuevo
    }
no-such-grant = no existe ese permiso
field-empty = esto no puede quedar vacío
one-line-text = use una sola línea de texto
at-most-chars =
    { $max ->
        [one] use como máximo { $max } carácter
       *[other] use como máximo { $max } caracteres
    }

# Webhook y orígenes permitidos
webhook-url = use una URL http o https como https://app.example/helpline-webhook
origin-not-url = «{ $origin }» no es una URL
origin-scheme = «{ $origin }» debe usar http o https
origin-not-bare = «{ $origin }» debe tener solo esquema, host y puerto (sin ruta, consulta ni credenciales)
origins-too-many =
    { $max ->
        [one] se puede permitir como máximo { $max } origen
       *[other] se pueden permitir como máximo { $max } orígenes
    }

# La página del mensajero cuando no puede funcionar para un sitio
messenger-internal = Algo ha fallado por nuestra parte.
messenger-no-workspace = No hay ningún espacio de trabajo con este ID de aplicación.
messenger-not-allowed = Este sitio no tiene permitido insertar este mensajero.

# Horario de atención en los ajustes de soporte

hours-unknown-zone = zona horaria desconocida «{ $name }»; use un nombre IANA como Europe/Berlin
hours-malformed = { $day }: no se entiende «{ $text }» como horario; escríbalo como 09:00-17:00, varios separados por comas
hours-invalid-time = { $day }: «{ $text }» no es una hora del día entre 00:00 y 24:00
hours-inverted = { $day }: el horario { $opening } debe terminar después de empezar
hours-overlap = { $day }: los horarios { $first } y { $second } se solapan
hours-none = la semana no tiene horario de atención
hours-holiday = no se entiende el festivo «{ $text }»; escriba fechas como 2025-12-25

# El atajo y las variables de una respuesta guardada

shortcut-missing = indique un atajo que el equipo escriba después de /, como refund
shortcut-too-long = el atajo puede tener como máximo { $max } caracteres
shortcut-characters = use solo minúsculas, dígitos, - y _ en un atajo, como refund-policy
template-unclosed = cierre cada { $open } con { $close } en la misma línea, como en { $example }
template-unknown = { $variable } no es una variable; use { $known }
template-long-fallback = el texto alternativo de { $variable } puede tener como máximo { $max } caracteres
