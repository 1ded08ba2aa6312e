# وحدة تحكم الوكلاء بالعربية الفصحى: الرسائل والمتغيرات نفسها كما في الإنجليزية
# (i18n/tests/catalogs.rs).
# صيغ الجمع: zero و one و two و few (3–10) و many (11–99) و other.

# نصوص مشتركة بين عدة صفحات

loading = جارٍ التحميل…
unreachable-retrying = يتعذر الوصول إلى Helpline الآن. جارٍ إعادة المحاولة…
error-network = يتعذر الوصول إلى الخادم. تحقق من اتصالك وحاول مرة أخرى.
error-too-many-requests = أنت ترسل الطلبات بسرعة كبيرة. يُرجى الانتظار قليلًا ثم المحاولة مرة أخرى.
error-unexpected = أرسل الخادم ردًا لا تفهمه هذه الصفحة.
status-reconnecting = جارٍ إعادة الاتصال…
skip-to-conversation = انتقل إلى المحادثة
skip-to-main = انتقل إلى المحتوى الرئيسي
age-just-now = الآن
age-minutes =
    { $count ->
        [zero] قبل { $count } دقيقة
        [one] قبل دقيقة
        [two] قبل دقيقتين
        [few] قبل { $count } دقائق
        [many] قبل { $count } دقيقة
       *[other] قبل { $count } دقيقة
    }
age-hours =
    { $count ->
        [zero] قبل { $count } ساعة
        [one] قبل ساعة
        [two] قبل ساعتين
        [few] قبل { $count } ساعات
        [many] قبل { $count } ساعة
       *[other] قبل { $count } ساعة
    }
age-yesterday = أمس
age-days =
    { $count ->
        [zero] قبل { $count } يوم
        [one] قبل يوم
        [two] قبل يومين
        [few] قبل { $count } أيام
        [many] قبل { $count } يومًا
       *[other] قبل { $count } يوم
    }
due-in =
    { $unit ->
        [minutes] { $count ->
            [zero] مستحق خلال { $count } دقيقة
            [one] مستحق خلال دقيقة
            [two] مستحق خلال دقيقتين
            [few] مستحق خلال { $count } دقائق
            [many] مستحق خلال { $count } دقيقة
           *[other] مستحق خلال { $count } دقيقة
        }
        [hours] { $count ->
            [zero] مستحق خلال { $count } ساعة
            [one] مستحق خلال ساعة
            [two] مستحق خلال ساعتين
            [few] مستحق خلال { $count } ساعات
            [many] مستحق خلال { $count } ساعة
           *[other] مستحق خلال { $count } ساعة
        }
       *[days] { $count ->
            [zero] مستحق خلال { $count } يوم
            [one] مستحق خلال يوم
            [two] مستحق خلال يومين
            [few] مستحق خلال { $count } أيام
            [many] مستحق خلال { $count } يومًا
           *[other] مستحق خلال { $count } يوم
        }
    }
overdue-by =
    { $unit ->
        [minutes] { $count ->
            [zero] متأخر { $count } دقيقة
            [one] متأخر دقيقة
            [two] متأخر دقيقتين
            [few] متأخر { $count } دقائق
            [many] متأخر { $count } دقيقة
           *[other] متأخر { $count } دقيقة
        }
        [hours] { $count ->
            [zero] متأخر { $count } ساعة
            [one] متأخر ساعة
            [two] متأخر ساعتين
            [few] متأخر { $count } ساعات
            [many] متأخر { $count } ساعة
           *[other] متأخر { $count } ساعة
        }
       *[days] { $count ->
            [zero] متأخر { $count } يوم
            [one] متأخر يومًا
            [two] متأخر يومين
            [few] متأخر { $count } أيام
            [many] متأخر { $count } يومًا
           *[other] متأخر { $count } يوم
        }
    }
file-size-bytes =
    { $count ->
        [zero] { $count } بايت
        [one] بايت واحد
        [two] بايتان
        [few] { $count } بايتات
        [many] { $count } بايتًا
       *[other] { $count } بايت
    }
file-size-kilobytes = { $count } كيلوبايت
file-size-megabytes = { $size } ميغابايت

# تسجيل الدخول

login-intro = سجّل الدخول للرد على زوارك.
login-email = البريد الإلكتروني
login-password = كلمة المرور
login-submit = تسجيل الدخول

# الشريط العلوي

nav-label = الأقسام
nav-inbox = صندوق الوارد
nav-tickets = التذاكر
nav-help-center = مركز المساعدة
nav-reports = التقارير
nav-audit = سجل التدقيق
nav-settings = الإعدادات
sign-out = تسجيل الخروج
status-label = حالتك
status-online = متصل
status-away = غير موجود
status-do-not-disturb = عدم الإزعاج
notifications-enable = تفعيل إشعارات سطح المكتب
sound = الصوت
language-label = اللغة

# غير موجود

not-found-to-inbox = الذهاب إلى صندوق الوارد
not-found-page = الصفحة غير موجودة
not-found-page-missing = هذه الصفحة غير موجودة، أو ليست ضمن مساحة عملك.
not-found-conversation = المحادثة غير موجودة
not-found-conversation-missing = هذه المحادثة غير موجودة، أو ليست ضمن مساحة عملك.
not-found-article = المقالة غير موجودة
not-found-article-missing = هذه المقالة غير موجودة، أو ليست ضمن مساحة عملك.
not-found-ticket = التذكرة غير موجودة
not-found-ticket-missing = هذه التذكرة غير موجودة، أو ليست ضمن مساحة عملك.

# حقول التذاكر

ticket-status-new = جديدة
ticket-status-open = مفتوحة
ticket-status-pending = معلّقة
ticket-status-resolved = محلولة
ticket-status-closed = مغلقة
priority-low = منخفضة
priority-medium = متوسطة
priority-high = عالية
priority-critical = حرجة
ticket-type-question = سؤال
ticket-type-configuration = إعداد
ticket-type-bug = خلل
ticket-type-feature_request = طلب ميزة
team-first_line = الدعم الأولي
team-engineering = الهندسة
detail-affected = المتأثرون
detail-expected = ما حاولوا فعله أو ما يريدونه
detail-actual = ما حدث بدلًا من ذلك
detail-steps = الخطوات السابقة مباشرة
detail-error_message = رسائل الخطأ الظاهرة
detail-environment = المتصفح والنظام وإصدار التطبيق
detail-since = منذ متى
detail-reported_before = أُبلغ عنه سابقًا
detail-deadline = الموعد النهائي

# صندوق الوارد

inbox-loading = جارٍ تحميل المحادثات…
inbox-empty = لا توجد محادثات هنا
inbox-title = المحادثات
inbox-show = عرض
inbox-view-all = الكل
inbox-view-mine = محادثاتي
inbox-view-team = الفريق: { $team }
inbox-status = الحالة
inbox-search = البحث في المحادثات
inbox-search-placeholder = الاسم أو البريد الإلكتروني أو الرسالة
inbox-no-messages = لا توجد رسائل بعد
show-more = عرض المزيد
you = أنت
unassigned = غير مُسندة
agent-number = الوكيل رقم { $id }
try-again = حاول مرة أخرى
part-not-loaded = تعذّر تحميل هذا الجزء من وحدة التحكم. تحقق من اتصالك وحاول مرة أخرى.
retry = إعادة المحاولة

# المسؤول والحالة

chat-status-open = مفتوحة
chat-status-snoozed = مؤجلة
chat-status-resolved = محلولة
ownership = المسؤولية
assignee = المسؤول
team = الفريق
agent-offline = { $name } (غير متصل)
resolve = حل
reopen = إعادة فتح
snooze = تأجيل
snooze-choose = تأجيل…
snooze-hour = ساعة واحدة
snooze-day = يوم واحد
snooze-week = أسبوع واحد

# المحادثة المفتوحة

conversation-pane = لوحة المحادثة
conversation-select = اختر محادثة لقراءتها والرد عليها.
conversation-loading = جارٍ تحميل المحادثة…
conversation = المحادثة
visitor-typing = الزائر يكتب…
message-sending = جارٍ الإرسال…
message-failed = تعذّر الإرسال
note-label = ملاحظة · لا يراها إلا الوكلاء
history-target-agent = { $agent } ({ $team })
history-target-queue = قائمة انتظار { $team }
history-assigned = أسند { $actor } هذه المحادثة إلى { $target }
history-routed = وُجّهت إلى { $target }
history-returned-offline = أُعيدت إلى { $target }: كان المسؤول غير متصل
history-returned-deactivated = أُعيدت إلى { $target }: أُلغي تفعيل المسؤول
history-snoozed = أجّل { $actor } هذه المحادثة حتى { $until }
history-resolved = حلّ { $actor } هذه المحادثة
history-opened-again = فُتحت المحادثة مجددًا
history-reopened = أعاد { $actor } فتح هذه المحادثة
history-emailed =
    { $count ->
        [zero] كان الزائر غائبًا: لم يُرسل أي رد إلى { $to }
        [one] كان الزائر غائبًا: أُرسل رد واحد بالبريد إلى { $to }
        [two] كان الزائر غائبًا: أُرسل ردّان بالبريد إلى { $to }
        [few] كان الزائر غائبًا: أُرسلت { $count } ردود بالبريد إلى { $to }
        [many] كان الزائر غائبًا: أُرسل { $count } ردًا بالبريد إلى { $to }
       *[other] كان الزائر غائبًا: أُرسل { $count } رد بالبريد إلى { $to }
    }

# محرر الرد

composer-note = ملاحظة
composer-reply = رد
composer-note-placeholder = اكتب ملاحظة لفريقك؛ لا يراها الزائر أبدًا
composer-reply-placeholder = اكتب ردًا…
composer-write = الكتابة
attach-files = إرفاق ملفات
composer-hint = Enter للإرسال، وShift+Enter لسطر جديد، و/ للردود المحفوظة
composer-add-note = إضافة ملاحظة
composer-send = إرسال
chat-sending-too-fast = أنت ترسل الرسائل بسرعة كبيرة. ستُرسل بعد لحظات.
message-not-delivered = لم تُسلَّم.
console-title = وحدة تحكم Helpline
alert-new-chat = محادثة جديدة
alert-new-message = رسالة جديدة

# لوحة الزائر

visitor = الزائر
identity-verified-hash = موثّق باستخدام user_hash
identity-verified-token = موثّق برمز هوية
identity-unverified = غير موثّق: ما تدّعيه الصفحة المضيفة، دون إثبات
fact-name = الاسم
fact-email = البريد الإلكتروني
fact-user-id = معرّف المستخدم
fact-company-id = معرّف الشركة
fact-page = الصفحة
fact-browser = المتصفح
fact-first-seen = أول ظهور
fact-last-seen = آخر ظهور
fact-verified = موثّق
fact-claims = يدّعي
unknown = غير معروف
browser-on-system = { $browser } على { $system }
browser-unknown-on-system = متصفح على { $system }
browser-unknown = متصفح غير معروف

# وصول الدعم

access-title = وصول الدعم
access-unavailable = غير متاح: يتطلب وصول الدعم زائرًا وثّقه التطبيق المضيف.
access-level-view = عرض فقط
access-level-act = التصرف نيابةً عنهم
duration-hours =
    { $count ->
        [zero] { $count } ساعة
        [one] ساعة واحدة
        [two] ساعتان
        [few] { $count } ساعات
        [many] { $count } ساعة
       *[other] { $count } ساعة
    }
duration-days =
    { $count ->
        [zero] { $count } يوم
        [one] يوم واحد
        [two] يومان
        [few] { $count } أيام
        [many] { $count } يومًا
       *[other] { $count } يوم
    }
actor-agent = وكيل
actor-user = مستخدم
actor-host = التطبيق المضيف
access-granted-until = { $level } حتى { $until }
access-none = لا يوجد وصول
access-asked = { $level } لمدة { $duration }، بطلب من { $agent }
access-requested = طُلب الوصول، بانتظار ردهم
access-action-by = بواسطة { $actor }،
access-recent = الإجراءات الأخيرة
access-request = طلب الوصول
access-level = المستوى
access-for = المدة

# تحويل المحادثة إلى تذكرة

handoff-end-question = إنهاء هذه المحادثة؟ سيُطلب من الزائر تقييمها.
handoff-ended = انتهت المحادثة. طُلب من الزائر تقييمها.
handoff-escalate = تحويل إلى تذكرة
handoff-end = إنهاء المحادثة
handoff-created = أُنشئت التذكرة رقم { $number }
handoff-title = تحويل إلى تذكرة بريد إلكتروني
field-subject = الموضوع
field-type = النوع
field-priority = الأولوية
handoff-email = بريد الزائر الإلكتروني
handoff-email-hint = اختياري. بدونه يسأل المراسل الزائر عن العنوان الذي يُرسل إليه الرد.
handoff-create = إنشاء تذكرة
cancel = إلغاء

# الردود المحفوظة في محرر الرد

replies-load-failed = تعذّر تحميل الردود المحفوظة: { $error }
replies-loading = جارٍ تحميل الردود المحفوظة…
replies-label = الردود المحفوظة

# التذاكر

tickets-views = عروض التذاكر
tickets-queue = قائمة الانتظار
tickets-ratings = التقييمات
tickets-loading = جارٍ تحميل التذاكر…
tickets-none-match = لا توجد تذاكر تطابق عوامل التصفية هذه.
tickets-col-ticket = التذكرة
tickets-col-requester = مقدّم الطلب
tickets-col-due = الاستحقاق
tickets-no-address = لا يوجد عنوان بعد
tickets-nothing-owed = لا شيء مستحق
tickets-breached = تجاوز المهلة
filters-label = تصفية التذاكر
filters-search = البحث في التذاكر
filters-search-placeholder = الرقم أو الموضوع أو مقدّم الطلب
filters-statuses = الحالات المعروضة
filters-any-priority = أي أولوية
filters-any-type = أي نوع
filters-anyone = أي شخص
filters-me = أنا
filters-breached-only = المتجاوزة للمهلة فقط

# مركز المساعدة

help-sections = أقسام مركز المساعدة
help-articles = المقالات
help-insights = الإحصاءات

# الإعدادات

save = حفظ
saved = تم الحفظ
settings-title = إعدادات مساحة العمل
settings-back = العودة إلى صندوق الوارد
settings-workspace = مساحة العمل
settings-app-id = معرّف التطبيق
settings-snippet = شيفرة التضمين
settings-snippet-hint = الصق هذا في كل صفحة يجب أن تعرض المراسل، قبل { $tag } مباشرة.
settings-origins = المصادر المسموح بها
settings-origins-hint = المواقع التي يمكنها تضمين المراسل، مصدر واحد في كل سطر، مثل https://www.example.com
appearance-title = مظهر المراسل
appearance-language = اللغة الافتراضية
appearance-language-hint = يتحدث المراسل اللغة التي يمررها تطبيقك، وإلا فلغة متصفح الزائر إن كانت الإنجليزية أو الألمانية أو الإسبانية أو العربية، وإلا فهذه اللغة.
appearance-theme = الألوان
appearance-theme-auto = اتباع نظام الزائر
appearance-theme-light = فاتح
appearance-theme-dark = داكن

brand-colour = لون العلامة التجارية
brand-colour-hint = زر الإطلاق ورسائل الزائر والأزرار. يكون النص فوقه أبيض أو أسود، أيهما أوضح للقراءة؛ وتأخذ الروابط درجة لون مقروءة على الخلفيات الفاتحة والداكنة.
brand-preview = مساعدة
brand-logo = الشعار
brand-logo-hint = PNG أو JPEG أو GIF أو WebP، حتى 256 كيلوبايت، في رأس نافذة المراسلة.
brand-logo-current = الشعار الحالي
brand-logo-remove = إزالة الشعار
brand-position = موضع زر الإطلاق
brand-position-right = أسفل اليمين
brand-position-left = أسفل اليسار
brand-words = نصوصك الخاصة
brand-words-hint = تحتفظ الحقول الفارغة بنصوص Helpline بتلك اللغة.
brand-words-language = اللغة
brand-launcher-label = تسمية زر الإطلاق
brand-greeting = التحية
brand-away-message = رسالة الغياب
brand-words-save = حفظ النصوص

# التذكرة المفتوحة

ticket-choose = اختر تذكرة من قائمة الانتظار.
ticket-loading = جارٍ تحميل التذكرة…
ticket-back = العودة إلى قائمة الانتظار
ticket-needs-email = بانتظار عنوان البريد الإلكتروني للزائر. تُرسل الردود بمجرد أن يقدّمه.
unsaved-changes = تغييرات غير محفوظة
details-escalate = تصعيد إلى الهندسة
details-back-to-first-line = إعادة إلى الدعم الأولي
details-team = الفريق:
details-nothing-missing = لا شيء ناقص: لدى المهندسين ما يحتاجونه.
details-still-missing = لا يزال ناقصًا:
details-title = التفاصيل الهندسية
details-save = حفظ التفاصيل
escalate-nothing-missing = كل التفاصيل التي يحتاجها المهندسون مكتملة.
escalate-missing = لا يزال ناقصًا: { $details }.
escalate-unsaved = في نموذج التفاصيل تغييرات غير محفوظة؛ احفظها أولًا لتضمينها.
escalate-ask = التصعيد إلى الهندسة؟
not-given = غير مذكور
not-given-yet = لم يُذكر بعد
requester-unconfirmed = غير مؤكد: البريد المرسل إليه لا يكرر شيئًا مما كتبوه
requester-user-id = معرّف المستخدم في التطبيق المضيف
requester-company-id = معرّف الشركة
followers = المتابعون
followers-hint = يتلقون نسخة من الردود العامة.
context = السياق
satisfaction = الرضا
rating-out-of-five = { $rating } من 5
open-chat = فتح المحادثة
transcript-summary =
    { $count ->
        [zero] نص المحادثة (لا رسائل)
        [one] نص المحادثة (رسالة واحدة)
        [two] نص المحادثة (رسالتان)
        [few] نص المحادثة ({ $count } رسائل)
        [many] نص المحادثة ({ $count } رسالة)
       *[other] نص المحادثة ({ $count } رسالة)
    }
ticket-reply-hint = تُرسل الردود بالبريد إلى { $email }. لا يرى الملاحظات الداخلية إلا الوكلاء.
ticket-reply-hint-no-address = تُرسل الردود بالبريد بمجرد أن يقدّم مقدّم الطلب عنوانًا. لا يرى الملاحظات الداخلية إلا الوكلاء.
ticket-send-reply = إرسال الرد
ticket-add-note = إضافة ملاحظة داخلية
ticket-ask-info = طلب مزيد من المعلومات
file-uploading = جارٍ رفع { $name }
file-ready = جاهز
file-remove = إزالة
files-attached = الملفات المرفقة
thread-title = المراسلات والسجل
thread-show-original = عرض الأصل
thread-attached = المرفقات:
thread-public-reply = رد عام
thread-customer = العميل
thread-internal-note = ملاحظة داخلية
thread-new-ticket = تذكرة جديدة
thread-show-auto-reply = عرض الرد التلقائي
thread-file-not-kept = لم يُحفظ: { $reason }؛ وهو موجود في الأصل

# سجل التذكرة

event-by-agent = أحد الوكلاء
event-by-requester = مقدّم الطلب
event-changed-from-to =
    { $field ->
        [status] غيّر { $who } الحالة من { $old } إلى { $new }
        [priority] غيّر { $who } الأولوية من { $old } إلى { $new }
        [type] غيّر { $who } النوع من { $old } إلى { $new }
       *[team] غيّر { $who } الفريق من { $old } إلى { $new }
    }
event-set =
    { $field ->
        [status] عيّن { $who } الحالة إلى { $new }
        [priority] عيّن { $who } الأولوية إلى { $new }
        [type] عيّن { $who } النوع إلى { $new }
       *[team] عيّن { $who } الفريق إلى { $new }
    }
event-cleared =
    { $field ->
        [status] أزال { $who } الحالة (كانت { $old })
        [priority] أزال { $who } الأولوية (كانت { $old })
        [type] أزال { $who } النوع (كان { $old })
       *[team] أزال { $who } الفريق (كان { $old })
    }
event-changed =
    { $field ->
        [status] غيّر { $who } الحالة
        [priority] غيّر { $who } الأولوية
        [type] غيّر { $who } النوع
       *[team] غيّر { $who } الفريق
    }
event-created = فتح { $who } التذكرة
event-created-from =
    { $source ->
        [chat] فتح { $who } التذكرة من محادثة
        [widget_form] فتح { $who } التذكرة عبر نموذج البريد في المراسل
        [email] فتح { $who } التذكرة عبر البريد الإلكتروني
       *[api] فتح { $who } التذكرة عبر واجهة البرمجة
    }
event-created-other = فتح { $who } التذكرة ({ $source })
event-replied = ردّ { $who }
event-noted = أضاف { $who } ملاحظة داخلية
event-wrote = كتب { $who }
event-assigned = أسند { $who } التذكرة إلى { $new }
event-reassigned = أعاد { $who } إسناد التذكرة من { $old } إلى { $new }
event-unassigned = ألغى { $who } إسناد { $old }
event-assignee-changed = غيّر { $who } المسؤول
event-escalated = صعّد { $who } التذكرة إلى الهندسة
event-sent-back = أعاد { $who } التذكرة إلى الدعم الأولي
event-tags-set = عيّن { $who } الوسوم إلى { $tags }
event-tags-removed = أزال { $who } الوسوم
event-delivery-failed = تعذّر تسليم رسالة بريد إلكتروني
event-delivery-deferred-attempt = تعذّر تسليم رسالة بريد إلكتروني حتى الآن (المحاولة { $attempt })؛ ستُعاد المحاولة
event-delivery-deferred = تعذّر تسليم رسالة بريد إلكتروني حتى الآن؛ ستُعاد المحاولة
event-followers-named = يتابع الآن: { $addresses }
event-followers = يتابع المنسوخون في البريد التذكرة الآن
event-reminder-sent = أُرسل تذكير إلى مقدّم الطلب
event-rated-stars = قيّم { $who } التذكرة بـ { $rating } من 5
event-rated = قيّم { $who } التذكرة
event-auto-reply = وصل رد تلقائي (دون إجابة)
event-details-changed = حدّث { $who } التفاصيل الهندسية
event-requester-address = عيّن { $who } عنوان مقدّم الطلب إلى { $address }
event-requester-changed = غيّر { $who } مقدّم الطلب
event-mail-withheld = لم يُرسل إشعار استلام: العنوان غير موثّق واستنفد بريده لهذا اليوم
event-address-verified-reply = أكّد مقدّم الطلب عنوانه بالرد
event-address-verified-link = أكّد مقدّم الطلب عنوانه عبر الرابط المرسل بالبريد
event-address-verified = تأكّد عنوان مقدّم الطلب
field-tags = الوسوم
ticket-tags-placeholder = الفوترة، التصدير
ticket-discard-question = في التفاصيل الهندسية لهذه التذكرة تغييرات غير محفوظة. تجاهلها؟
ticket-number = التذكرة رقم { $number }
chat-number = المحادثة { $id }
ratings-loading = جارٍ تحميل التقييمات…
ratings-none = لا توجد تقييمات بعد.
ratings-average =
    { $count ->
        [zero] المتوسط { $average } من 5، من دون تقييمات
        [one] المتوسط { $average } من 5، من تقييم واحد
        [two] المتوسط { $average } من 5، من تقييمين
        [few] المتوسط { $average } من 5، من { $count } تقييمات
        [many] المتوسط { $average } من 5، من { $count } تقييمًا
       *[other] المتوسط { $average } من 5، من { $count } تقييم
    }
ratings-col-rating = التقييم
ratings-col-comment = التعليق
ratings-col-rated = تاريخ التقييم
ratings-hint = أحدث التقييمات التي قدّمها مقدّمو الطلبات وزوار المحادثة، من 1 (سيئ) إلى 5 (ممتاز).
ratings-no-comment = لا تعليق
ratings-of-five = { $rating } / 5
article-discard-question = في هذه المقالة تغييرات غير محفوظة. المغادرة وتجاهلها؟
article-deleted = حُذفت «{ $title }»
ticket-agent-number = الوكيل { $id }

# مقالات مركز المساعدة

none = لا شيء
delete = حذف
field-title = العنوان
field-category = الفئة
articles-loading = جارٍ تحميل المقالات…
articles-none = لا توجد مقالات بعد. اكتب أول مقالة.
articles-col-updated = آخر تحديث
article-new = مقالة جديدة
article-draft = مسودة
article-published = منشورة
article-loading = جارٍ تحميل المقالة…
article-back = العودة إلى المقالات
article-draft-saved = حُفظت المسودة
article-unpublished = أُلغي النشر: لم يعد الزوار يرونها
article-slug = المعرّف في الرابط
article-slug-hint = عنوان المقالة، مثل how-do-i-get-a-refund. إن تُرك فارغًا، يُنشأ من العنوان.
article-no-category = بلا فئة
article-locale = اللغة (اختياري)
article-tags-hint = افصل بين الوسوم بفواصل.
article-body = النص
article-body-hint = Markdown: **غامق**، _مائل_، # عناوين، - قوائم، [روابط](https://…)، جداول.
article-save-changes = حفظ التغييرات
article-save-draft = حفظ المسودة
article-unpublish = إلغاء النشر
article-publish = نشر
article-confirm-deletion = تأكيد الحذف
article-delete-question = حذف هذه المقالة نهائيًا؟
article-delete = حذف المقالة
categories = الفئات
categories-loading = جارٍ تحميل الفئات…
categories-none = لا توجد فئات بعد.
category-add-title = إضافة فئة
category-name = اسم الفئة
category-description = الوصف (اختياري)
category-order = الترتيب
category-order-hint = الأرقام الأصغر تأتي أولًا؛ 0 إن تُرك فارغًا.
category-order-invalid = الترتيب عدد صحيح، مثل 0 أو 10.
category-add = إضافة الفئة
preview = معاينة
preview-hint = يظهر النص هنا أثناء الكتابة كما سيراه الزوار.
insights-loading = جارٍ تحميل الإحصاءات…
insights-no-articles = لا توجد مقالات بعد.
insights-no-answers = لا إجابات
percent = ‎{ $share }٪
insights-col-article = المقالة
insights-col-views = المشاهدات
insights-col-visitors = الزوار
insights-col-helpful = مفيدة
insights-col-not-helpful = غير مفيدة
insights-col-helpfulness = نسبة الإفادة
insights-articles-hint = الأكثر مشاهدة أولًا. نسبة الإفادة هي حصة إجابات «نعم» على «هل أجاب هذا عن سؤالك؟».
insights-no-missed = وجد كل بحث مقالة واحدة على الأقل.
insights-col-search = البحث
insights-col-last-searched = آخر بحث
insights-missed = عمليات بحث بلا نتائج
insights-missed-hint = ما بحث عنه الزوار ولم يجدوه: مرشحات للمقالات القادمة.

# التقارير

field-from = من
field-to = إلى
report-dates = التواريخ
report-show = عرض التقرير
report-last-7 = آخر 7 أيام
report-last-30 = آخر 30 يومًا
report-this-month = هذا الشهر
report-loading = جارٍ تحميل التقرير…
report-covers = من { $from } إلى { $to }، بتوقيت { $zone }. تُحسب المدد بساعات العمل فقط.
report-csv = تنزيل CSV
report-chats = المحادثات
report-started = بدأت
report-created = أُنشئت
report-resolved = حُلّت
report-first-median = الرد الأول، الوسيط
report-first-p90 = الرد الأول، المئين 90
report-resolution-median = الحل، الوسيط
report-resolution-p90 = الحل، المئين 90
report-sla = اتفاقية مستوى الخدمة للتذاكر
report-first-on-time = ردود أولى في الوقت المحدد
report-next-on-time = ردود لاحقة في الوقت المحدد
report-breaches = التجاوزات
report-csat = رضا العملاء (تقييم 4 أو 5)
report-average-rating = متوسط التقييم
report-chats-tickets = المحادثات / التذاكر
report-deflection = ما يغني عنه مركز المساعدة
report-deflected-searches = عمليات بحث دون محادثة أو تذكرة
report-deflected-views = مشاهدات مقالات دون محادثة أو تذكرة
report-average = { $average } / 5
report-measured = { $duration } (القياسات: { $count })
report-share-of = ‎{ $share }٪ ({ $part } من { $whole })
report-deflected = ‎{ $share }٪ ({ $part } من { $whole }؛ { $total } إجمالًا)
report-too-recent = { $count } حديثة جدًا للحكم عليها
elapsed-seconds = { $count } ث
elapsed-minutes = { $count } د
elapsed-hours-minutes = { $hours } س { $minutes } د
elapsed-hours = { $count } س
weekday-1 = الاثنين
weekday-2 = الثلاثاء
weekday-3 = الأربعاء
weekday-4 = الخميس
weekday-5 = الجمعة
weekday-6 = السبت
weekday-7 = الأحد
weekday-short-1 = اثن
weekday-short-2 = ثلا
weekday-short-3 = أرب
weekday-short-4 = خمي
weekday-short-5 = جمع
weekday-short-6 = سبت
weekday-short-7 = أحد
hour-range = { $day } { $from }–{ $to }
volume = الحجم
volume-title = المحادثات والتذاكر يوميًا
volume-description = المحادثات التي بدأت: { $chats }، والتذاكر التي أُنشئت: { $tickets }، خلال { $days } يومًا؛ أكثر الأيام نشاطًا كان { $date } بعدد { $day_chats } محادثة و{ $day_tickets } تذكرة.
volume-description-empty = لا محادثات ولا تذاكر خلال { $days } يومًا.
volume-bar-chats = { $date }: المحادثات التي بدأت { $count }
volume-bar-tickets = { $date }: التذاكر التي أُنشئت { $count }
chats-started = المحادثات التي بدأت
tickets-created = التذاكر التي أُنشئت
volume-table = الأرقام يوميًا
volume-col-date = التاريخ
volume-col-chats-resolved = المحادثات المحلولة
volume-col-tickets-resolved = التذاكر المحلولة
volume-col-breaches = تجاوزات اتفاقية الخدمة
hours = أكثر الساعات نشاطًا
hours-title = المحادثات والتذاكر حسب ساعة الأسبوع
hours-description = أكثر الساعات نشاطًا كانت { $hour }، بعدد { $chats } محادثة و{ $tickets } تذكرة.
hours-description-empty = لم تصل أي محادثات أو تذاكر في هذه الفترة.
hours-cell = { $hour }: المحادثات { $chats }، التذاكر { $tickets }
hours-table = الساعات التي وصلت فيها طلبات
hours-col-hour = الساعة
ratings-description = التقييمات: { $count }، المتوسط { $average }: { $scores }.
ratings-rated-score = { $count } بتقييم { $score }
ratings-description-empty = لا توجد تقييمات في هذه الفترة.
ratings-bar = التقييم { $score }: { $count }
ratings-chart-title = التقييمات حسب الدرجة
ratings-table = التقييمات لكل درجة
ratings-col-score = الدرجة

# سجل التدقيق

audit-access-requested = طُلب الوصول
audit-access-declined = رُفض الوصول
audit-access-granted = مُنح الوصول
audit-access-revoked = سُحب الوصول
audit-access-expired = انتهى الوصول
audit-access-action = إجراءات بموجب وصول ممنوح
audit-workspace = إعدادات مساحة العمل
audit-agents = الوكلاء
audit-filters = عوامل التصفية
audit-action = الإجراء
audit-show = عرض الإدخالات
audit-none = لا توجد إدخالات تطابق عوامل التصفية هذه.
audit-loading = جارٍ تحميل سجل التدقيق…
audit-load-more = تحميل المزيد
audit-who = { $actor } ({ $kind })
audit-col-time = الوقت
audit-col-who = من
audit-col-user = المستخدم
audit-col-summary = الملخص
audit-col-change = التغيير

# التحقق من الهوية ومفاتيح API

identity-title = التحقق من الهوية
identity-show-secret = إظهار السر
identity-rotate-secret = تجديد السر
identity-require = اشتراط هوية موثّقة: رفض استدعاءات identify التي لا تحمل user_hash أو identity_token صالحًا
api-keys = مفاتيح API
api-keys-hint = يرسل خادمك أحدها بصيغة Authorization: Bearer <key> لإنشاء تذاكر لمستخدميك.
api-keys-loading = جارٍ تحميل المفاتيح…
api-keys-none = لا توجد مفاتيح API بعد.
api-key-delete-question = حذف المفتاح «{ $name }»؟ لن تتمكن الخوادم التي تستخدمه من إنشاء تذاكر بعد الآن.
api-key-delete-label = حذف المفتاح { $name }
api-key-created = أُنشئ في { $at }
api-key-fresh = المفتاح «{ $name }». انسخه الآن: لن يُعرض إلا مرة واحدة.
api-key-name = اسم المفتاح
api-key-name-hint = ما الذي يستخدمه، مثل خادم الفوترة.
api-key-create = إنشاء مفتاح

# الفريق

team-role-admin-word = مسؤول
team-role-agent-word = وكيل
team-invite-until = حتى { $at }
team-col-agent = الوكيل
team-col-role = الدور
team-col-capacity = المحادثات المفتوحة / السعة
team-col-teams = الفرق
team-col-access = الوصول
team-invitations = دعوات بانتظار القبول
team-member-of = { $name } في { $team }
team-reactivate = إعادة التفعيل
team-deactivate = إلغاء التفعيل
team-deactivate-question = إلغاء تفعيل هذا الوكيل؟ تنتهي جلساته وتعود محادثاته إلى قائمة الانتظار.
team-role-of = دور { $name }
team-capacity-of = سعة { $name }
team-online = متصل
team-admin = مسؤول
team-invite-sent = أُرسلت الدعوة إلى { $email }
team-invite-title = دعوة وكيل
team-invite-send = إرسال الدعوة

# الردود المحفوظة في الإعدادات

edit = تعديل
replies-none = لا توجد ردود محفوظة بعد.
replies-hint = ردود يدرجها الوكلاء في محادثة أو في رد على تذكرة بكتابة / ثم الاختصار، مثل ‎/refund.
reply-saved = حُفظ ‎/{ $shortcut }
reply-delete-question = حذف الرد المحفوظ ‎/{ $shortcut }؟
reply-deleted = حُذف ‎/{ $shortcut }
reply-edit-label = تعديل ‎/{ $shortcut }
reply-delete-label = حذف ‎/{ $shortcut }
reply-change = تغيير الرد المحفوظ
reply-new = رد محفوظ جديد
reply-shortcut = الاختصار
reply-shortcut-hint = يُكتب بعد /: أحرف صغيرة وأرقام و- و_.
reply-text = نص الرد
reply-text-hint = المتغيرات: { $variables }. في التذكرة، الزائر هو مقدّم الطلب. { $fallback } يكتب "there" عندما يكون الاسم غير معروف.
reply-add = إضافة رد محفوظ

# ساعات الدعم

check-fields = يُرجى التحقق من الحقول المميزة.
support-days-invalid = أدخل عددًا صحيحًا من الأيام، مثل 3
support-requests-invalid = أدخل عددًا صحيحًا من الطلبات، أو اتركه فارغًا
support-title = ساعات الدعم
support-hint = تُحسب أهداف الرد ضمن هذه الساعات: الحرجة 8 ساعات عمل، والعالية 12، والمتوسطة 24، والمنخفضة يوما عمل.
support-time-zone = المنطقة الزمنية
support-time-zone-hint = اسم منطقة زمنية من IANA، مثل Asia/Riyadh أو Africa/Cairo.
support-weekly = الساعات الأسبوعية
support-weekly-hint = فارغ للإغلاق، أو 09:00-17:00، أو 09:00-12:00, 13:00-17:00.
support-holidays = العطلات
support-holidays-hint = أيام الإغلاق الكامل، يوم في كل سطر، مثل 2026-12-25.
support-reminder = التذكير بعد (أيام)
support-reminder-hint = تنتظر التذكرة المعلّقة العميل هذه المدة قبل تذكير واحد.
support-close = الإغلاق بعد (أيام)
support-close-hint = تنتظر التذكرة المعلّقة هذه المدة قبل إغلاقها.
support-requests = طلبات «راسلنا» يوميًا
support-requests-hint = تُرفض الطلبات الزائدة خلال أي 24 ساعة، فلا يصل سيل منها إلى صندوق الوارد لديك. فارغ لقيمة الخادم الافتراضية.
support-default-unlimited = قيمة الخادم الافتراضية: بلا حد.
support-default = قيمة الخادم الافتراضية: { $count }.
support-notify = عنوان الإشعارات
support-notify-hint = تُرسل المحادثة التي تبقى دون رد مدة طويلة بالبريد إلى الوكلاء المتصلين، أو إلى هذا العنوان إن لم يكن أحد متصلًا. فارغ لعدم الإرسال.
support-update = تحديث ساعات الدعم
support-updated = حُدّثت ساعات الدعم

# إرفاق ملف (كما في كتالوج التطبيق الآخر)
upload-unsupported = لا يستطيع هذا المتصفح رفع الملفات.
upload-not-understood = تعذّر فهم رد الخادم. حاول مرة أخرى.
upload-not-reached = لم يصل الملف إلى الخادم. حاول مرة أخرى.
upload-not-started = تعذّر بدء رفع الملف. حاول مرة أخرى.
upload-failed = فشل رفع الملف. حاول مرة أخرى.
upload-too-many = ملفات كثيرة جدًا دفعة واحدة. حاول مرة أخرى بعد { $seconds } ث.
upload-over-limit = يجب ألا يتجاوز حجم الملف { $megabytes } ميغابايت.
