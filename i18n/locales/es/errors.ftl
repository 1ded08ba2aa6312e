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
