# Correos a quienes abren tickets, en español. Los mismos mensajes y variables que en
# inglés (i18n/tests/catalogs.rs).

subject-your-request = Su solicitud
ticket-with-subject = el ticket #{ $number } ({ $subject })
ticket-only = el ticket #{ $number }
greeting-named = Hola, { $name }:
greeting = Hola:
signature-fallback = Soporte

ack-opening = Gracias por contactar con { $workspace }. Hemos recibido su solicitud y abierto el ticket #{ $number }.
ack-confirmed-opening = Gracias por confirmar su dirección. Esta es su solicitud a { $workspace }, ticket #{ $number }.
ack-subject = Asunto: { $subject }
ack-you-wrote = Usted escribió:
next-steps-by = Próximos pasos: queremos responderle antes del { $when }.
next-steps-soon = Próximos pasos: le responderemos lo antes posible.
ack-add-anything = Para añadir algo, responda a este correo y mantenga [#{ $number }] en el asunto.

neutral-received = Hemos recibido su solicitud #{ $number } a { $workspace }.
neutral-confirm =
    { $days ->
        [one] Para confirmar que esta es su dirección y continuar, responda a este correo o abra este enlace (es válido durante { $days } día):
       *[other] Para confirmar que esta es su dirección y continuar, responda a este correo o abra este enlace (es válido durante { $days } días):
    }
neutral-until = Hasta entonces no repetiremos por correo nada de su solicitud.
neutral-ignore = Si no ha contactado con { $workspace }, puede ignorar este correo.

reminder-waiting = Estamos esperando su respuesta sobre { $ticket }.
reminder-close = Si no sabemos de usted antes del { $when }, lo cerraremos. Responda a este correo para mantenerlo abierto.
closed-silence =
    { $days ->
        [one] Hemos cerrado { $ticket } porque no hemos tenido noticias suyas en { $days } día.
       *[other] Hemos cerrado { $ticket } porque no hemos tenido noticias suyas en { $days } días.
    }
closed-follow-up = Si todavía necesita ayuda, responda a este correo y abriremos un ticket de seguimiento.

rating-resolved = Hemos marcado { $ticket } como resuelto. ¿Cómo valoraría nuestro soporte? Elija un enlace y confirme:
rating-5 = Excelente
rating-4 = Bueno
rating-3 = Correcto
rating-2 = Malo
rating-1 = Muy malo
rating-links-expire =
    { $days ->
        [one] Los enlaces son válidos durante { $days } día. Si algo aún no está bien, responda a este correo y el ticket se reabrirá.
       *[other] Los enlaces son válidos durante { $days } días. Si algo aún no está bien, responda a este correo y el ticket se reabrirá.
    }

date-time = { $weekday }, { $day } de { $month } de { $year }, { $time } ({ $zone })
soon = pronto
weekday-1 = lunes
weekday-2 = martes
weekday-3 = miércoles
weekday-4 = jueves
weekday-5 = viernes
weekday-6 = sábado
weekday-7 = domingo
month-1 = enero
month-2 = febrero
month-3 = marzo
month-4 = abril
month-5 = mayo
month-6 = junio
month-7 = julio
month-8 = agosto
month-9 = septiembre
month-10 = octubre
month-11 = noviembre
month-12 = diciembre

rate-heading-as = Valorar el ticket #{ $number } con { $rating }
rate-heading-ask = ¿Cómo valoraría nuestro soporte en el ticket #{ $number }?
rate-heading = Valorar el ticket #{ $number }
rate-your-rating = Su valoración
rate-comment = ¿Algo que añadir? (opcional)
rate-confirm = Confirmar
rate-update = Actualizar
rate-choose = Elija una valoración del 1 al 5.
rate-thanks = Gracias por valorar el ticket #{ $number }
rate-rated = Ha valorado nuestro soporte con { $rating } de 5.
rate-comment-saved = Su comentario se ha guardado.
rate-not-found-title = Enlace de valoración no encontrado
rate-not-valid = Este enlace de valoración no es válido. Use el enlace de nuestro correo tal como está.
rate-expired-title = Enlace de valoración caducado
rate-expired =
    { $days ->
        [one] Este enlace de valoración ha caducado: los enlaces de nuestro correo son válidos durante { $days } día. Si aún quiere contarnos qué tal lo hicimos, responda a ese correo.
       *[other] Este enlace de valoración ha caducado: los enlaces de nuestro correo son válidos durante { $days } días. Si aún quiere contarnos qué tal lo hicimos, responda a ese correo.
    }
rate-failed-title = Algo ha salido mal
rate-failed = Algo ha salido mal por nuestra parte. Vuelva a intentarlo con el enlace más tarde.

confirm-title = Confirme su dirección
confirm-heading = Confirme su dirección de correo
confirm-text = Confirme que { $address } es suya y le enviaremos los detalles de la solicitud #{ $number } y la responderemos allí.
confirm-button = Confirmar mi dirección
confirm-done-heading = Su dirección está confirmada
confirm-done-text = Responderemos la solicitud #{ $number } por correo.
confirm-thanks-heading = Gracias
confirm-thanks-text = Su dirección está confirmada. Le hemos enviado los detalles de la solicitud #{ $number } y la responderemos por correo.

# Lo que el servidor escribe en un chat: su final y su paso a un ticket

chat-ended = Este chat ha terminado. ¿Qué tal lo hicimos?
handoff-ticket = Su pregunta es ahora el ticket #{ $number }.
handoff-ask-email-by = Queremos responderle antes del { $when }. ¿A qué dirección de correo enviamos nuestra respuesta?
handoff-ask-email = ¿A qué dirección de correo enviamos nuestra respuesta?
handoff-answer-by = Le responderemos por correo a { $email }, antes del { $when }.
handoff-answer = Le responderemos por correo a { $email }.
handoff-confirm = Confirme antes esa dirección: responda al correo que le enviamos o abra su enlace.

# Respuestas enviadas por correo a un visitante que dejó el chat

away-subject = Su chat con { $team }
away-intro =
    { $count ->
        [one] Tiene una respuesta nueva en su chat con { $team }:
       *[other] Tiene { $count } respuestas nuevas en su chat con { $team }:
    }
away-wrote = { $name } escribió:
away-attached = [{ $file } está adjunto en el chat]
away-answer = Responda a este correo para contestar en el mismo chat, o abra el botón de Ayuda donde lo empezó para ver toda la conversación.

# Correo al equipo

invite-subject = { $inviter } le ha invitado a atender el soporte de { $workspace } en Helpline
invite-hello = Hola, { $name }:
invite-text =
    { $role ->
        [admin] { $inviter } le ha invitado a unirse a { $workspace } en Helpline como administrador.
       *[agent] { $inviter } le ha invitado a unirse a { $workspace } en Helpline como agente.
    }
invite-link =
    { $days ->
        [one] Elija su contraseña aquí (el enlace funciona una vez, durante { $days } día):
       *[other] Elija su contraseña aquí (el enlace funciona una vez, durante { $days } días):
    }
alert-subject = Un chat está esperando: { $who }
alert-waited =
    { $minutes ->
        [one] { $who } lleva { $minutes } minuto esperando una respuesta en un chat en vivo.
       *[other] { $who } lleva { $minutes } minutos esperando una respuesta en un chat en vivo.
    }
alert-last = Su último mensaje: { $preview }
alert-answer = Responda en la consola: { $link }

# Las páginas de invitación

invite-page-title = Únase a su equipo
invite-page-heading = Únase a su equipo en Helpline
invite-page-for = Elija una contraseña para { $email }.
invite-page-password = Contraseña
invite-page-again = Repita la contraseña
invite-page-create = Crear mi cuenta
invite-page-short = La contraseña debe tener al menos { $min } caracteres.
invite-page-long = La contraseña es demasiado larga.
invite-page-differ = Las dos contraseñas no coinciden.
invite-page-welcome = Bienvenido a bordo
invite-page-ready = Su cuenta está lista.
invite-page-sign-in = Iniciar sesión en la consola
invite-page-has-account = Ya tiene una cuenta
invite-page-spent-heading = Esta invitación ya no es válida
invite-page-spent = Ya se usó o ha caducado. Pida una nueva a un administrador de su equipo.
