# المراسِل: كل ما يقرؤه الزائر فيه، بالعربية الفصحى.
# صيغ الجمع: zero و one و two و few (3–10) و many (11–99) و other.

# نصوص مشتركة بين عدة شاشات

try-again = حاول مرة أخرى
part-not-loaded = تعذّر تحميل هذا الجزء من نافذة المراسلة. يُرجى التحقق من اتصالك والمحاولة مرة أخرى.
error-too-many-requests = أنت ترسل الطلبات بسرعة كبيرة. يُرجى الانتظار قليلًا ثم المحاولة مرة أخرى.
reply-by = سنرد عليك بحلول { $when }
reply-as-soon-as-possible = سنرد عليك في أقرب وقت ممكن
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

# الترويسة ومنطقة الحالة

header-title = الدعم
header-back = رجوع
header-close = إغلاق
header-online = نحن متصلون الآن
header-away = نحن غير متاحين الآن — اترك رسالة وسنرد عليك هنا
status-unreachable = يتعذّر علينا الوصول إلى فريق الدعم الآن. سنواصل المحاولة.
status-reconnecting = جارٍ إعادة الاتصال…

# المحادثة

chat-log-label = المحادثة
chat-empty = اسألنا عن أي شيء، وسنرد عليك هنا مباشرة.
chat-agent-typing = فريق الدعم يكتب…
chat-sending = جارٍ الإرسال…
chat-retry = إعادة المحاولة
chat-not-delivered = لم تُسلَّم بعد.
chat-sending-too-fast = أنت ترسل الرسائل بسرعة كبيرة. يُرجى الانتظار قليلًا.
chat-refused-empty = اكتب شيئًا قبل الإرسال.
chat-refused-too-long = هذه الرسالة طويلة جدًا. قسّمها إلى رسائل أقصر.
chat-refused-files = ملفات كثيرة جدًا لرسالة واحدة. أرسل بعضها مع الرسالة التالية.
chat-refused-gone = لم يعد أحد الملفات موجودًا. أرفقه مرة أخرى.
chat-refused-internal = حدث خطأ من جهتنا. يُرجى المحاولة مرة أخرى.
chat-refused = تعذّر إرسال هذه الرسالة.
chat-cards-label = حول هذه المحادثة

# مربع الكتابة

composer-label = الرسالة
composer-placeholder = اكتب رسالة…
composer-attach = إرفاق ملفات
composer-send = إرسال
composer-characters-left =
    { $count ->
        [zero] لم يتبقَّ أي حرف
        [one] يتبقى حرف واحد
        [two] يتبقى حرفان
        [few] يتبقى { $count } أحرف
        [many] يتبقى { $count } حرفًا
       *[other] يتبقى { $count } حرف
    }
composer-characters-over =
    { $count ->
        [zero] { $count } حرف زائد عن الحد
        [one] حرف واحد زائد عن الحد
        [two] حرفان زائدان عن الحد
        [few] { $count } أحرف زائدة عن الحد
        [many] { $count } حرفًا زائدًا عن الحد
       *[other] { $count } حرف زائد عن الحد
    }

# الملفات المرفقة

attachments-label = الملفات المرفقة
attachment-uploading = جارٍ رفع { $name }
attachment-cancel = إلغاء
attachment-remove = إزالة
attachment-retry = إعادة المحاولة
attachment-file = { $name } ({ $size })

# لقطات الشاشة

screenshot-take = التقاط لقطة شاشة
screenshot-title = لقطة شاشة
screenshot-hint = اسحب فوق أي شيء خاص لحجبه باللون الأسود. لن يُرسَل شيء حتى ترفق اللقطة.
screenshot-canvas-label = لقطة الشاشة المراد إرسالها
screenshot-undo = تراجع
screenshot-cancel = إلغاء
screenshot-attach = إرفاق لقطة الشاشة
screenshot-unavailable = لقطات الشاشة غير متاحة في هذا المتصفح. يمكنك إرفاق صورة بدلًا منها.
screenshot-not-allowed = لم يُسمح بالتقاط الشاشة. يمكنك إرفاق صورة بدلًا منها.
screenshot-no-frame = تعذّر التقاط لقطة الشاشة. يمكنك إرفاق صورة بدلًا منها.

# مركز المساعدة

help-search-label = البحث في مقالات المساعدة
help-search-placeholder = ابحث عن مساعدة
help-results-label = نتائج البحث
help-searching = جارٍ البحث…
help-no-results = لم يُعثر على أي مقالات
help-article-count =
    { $count ->
        [zero] لا توجد مقالات
        [one] مقال واحد
        [two] مقالان
        [few] { $count } مقالات
        [many] { $count } مقالًا
       *[other] { $count } مقال
    }
help-home-loading = جارٍ تحميل مقالات المساعدة…
help-popular = المقالات الأكثر قراءة
help-topics = تصفّح المواضيع
help-category-loading = جارٍ تحميل المقالات…
help-category-empty = لا توجد مقالات هنا بعد.
help-article-loading = جارٍ تحميل المقال…
help-suggestions = قد يفيدك ما يلي
help-unreachable = يتعذّر علينا الوصول إلى مركز المساعدة الآن. يُرجى المحاولة مرة أخرى.
help-home-unavailable = مقالات المساعدة غير متاحة الآن.
help-search-unavailable = البحث غير متاح الآن.
help-category-gone = لم يعد هذا القسم متاحًا.
help-article-gone = لم يعد هذا المقال متاحًا.

# رأي الزائر في المقال

help-feedback-label = رأيك
help-feedback-question = هل أجاب هذا عن سؤالك؟
help-feedback-yes = نعم
help-feedback-no = لا
help-feedback-failed = تعذّر علينا حفظ إجابتك. يُرجى المحاولة مرة أخرى.
help-feedback-thanks = شكرًا لإخبارنا!
help-feedback-sorry = شكرًا لإخبارنا. نأسف لأن ذلك لم يساعدك، ويسعدنا أن نجيبك بأنفسنا.

# طرق التواصل مع شخص

contact-away = نحن غير متاحين الآن
contact-unread =
    { $count ->
        [zero] لا توجد ردود جديدة
        [one] رد جديد واحد
        [two] ردّان جديدان
        [few] { $count } ردود جديدة
        [many] { $count } ردًّا جديدًا
       *[other] { $count } رد جديد
    }
contact-chat = تحدّث معنا
contact-email = راسلنا بالبريد الإلكتروني
contact-tickets = تذاكرك

# نموذج المراسلة بالبريد الإلكتروني

ticket-form-title = راسلنا بالبريد الإلكتروني
ticket-form-type = النوع
ticket-type-question = سؤال
ticket-type-configuration = إعداد
ticket-type-bug = خلل
ticket-type-feature-request = طلب ميزة
ticket-field-email = بريدك الإلكتروني
ticket-field-name = اسمك (اختياري)
ticket-field-subject = الموضوع
ticket-field-description = الوصف
ticket-field-goal = ما الذي تريد تحقيقه؟
ticket-field-expected = ما الذي كنت تحاول فعله؟
ticket-field-actual = ما الذي حدث بدلًا من ذلك؟
ticket-field-error-message = رسالة الخطأ التي ظهرت (إن وُجدت)
ticket-field-since = منذ متى؟
ticket-form-files = لقطات شاشة أو ملفات (اختياري)
ticket-form-send = إرسال
form-not-sent = تعذّر علينا إرسال هذا. يُرجى التحقق من اتصالك والمحاولة مرة أخرى.
ticket-attached-title = يُرسَل تلقائيًا
ticket-attached-page = الصفحة
ticket-attached-browser = المتصفح
ticket-attached-screen = الشاشة
ticket-browser-on-system = { $browser } على { $system }
ticket-browser-unknown = غير معروف
ticket-page-errors =
    { $count ->
        [zero] إرسال أخطاء هذه الصفحة
        [one] إرسال الخطأ الذي ظهر في هذه الصفحة
        [two] إرسال الخطأين اللذين ظهرا في هذه الصفحة
        [few] إرسال { $count } أخطاء ظهرت في هذه الصفحة
        [many] إرسال { $count } خطأً ظهرت في هذه الصفحة
       *[other] إرسال { $count } خطأ ظهرت في هذه الصفحة
    }
ticket-page-errors-details = ماذا تقول
ticket-sent-title = التذكرة رقم { $number }
ticket-sent-email = أرسلنا رسالة تأكيد إلى { $email }

# محادثة حُوّلت إلى البريد الإلكتروني

handoff-question = إلى أي عنوان نرسل ردّنا على التذكرة رقم { $number }؟
handoff-send = إرسال
handoff-answered = سنرد عليك على { $email }

# تذاكر الزائر

tickets-title = تذاكرك
tickets-loading = جارٍ تحميل تذاكرك…
tickets-empty = ليست لديك تذاكر بعد.
tickets-unavailable = يتعذّر علينا تحميل تذاكرك الآن.
tickets-number = #{ $number }
ticket-status-needs-email = بانتظار عنوان بريدك الإلكتروني
ticket-status-new = تم الاستلام
ticket-status-open = قيد المعالجة
ticket-status-pending = بانتظار ردّك
ticket-status-resolved = تم الحل
ticket-status-closed = مغلقة

# تقييم محادثة منتهية

rating-question = كيف كانت هذه المحادثة؟
rating-stars = التقييم { $stars } من 5
rating-comment = تعليق (اختياري)
rating-send = إرسال التقييم
rating-thanks = شكرًا على تقييمك

# وصول فريق الدعم

access-title = وصول فريق الدعم
access-entry-requested = فريق الدعم يطلب الوصول
access-entry-on-until = مفعّل حتى { $time }
access-loading = جارٍ التحميل…
access-unavailable = يتعذّر علينا تحميل إعدادات وصول فريق الدعم الآن.
access-unverified = يتطلب وصول فريق الدعم حسابًا موثّقًا. سجّل الدخول إلى التطبيق الذي تستخدمه؛ وإن كنت قد سجّلت الدخول، فإن التطبيق لم يؤكد لنا هويتك بعد، لذا لا يمكن منح أحد وصولًا إلى حسابك من هنا.
access-level-view = العرض فقط
access-level-act = التصرّف نيابةً عني
access-level-view-explained = يستطيع فريق الدعم رؤية حسابك كما تراه أنت، ولا يمكنه تغيير أي شيء.
access-level-act-explained = يستطيع فريق الدعم إجراء تغييرات في حسابك نيابةً عنك، كأنه أنت.
access-hours =
    { $count ->
        [zero] { $count } ساعة
        [one] ساعة واحدة
        [two] ساعتين
        [few] { $count } ساعات
        [many] { $count } ساعة
       *[other] { $count } ساعة
    }
access-days =
    { $count ->
        [zero] { $count } يوم
        [one] يوم واحد
        [two] يومين
        [few] { $count } أيام
        [many] { $count } يومًا
       *[other] { $count } يوم
    }
access-active-title = لدى فريق الدعم وصول إلى حسابك
access-active-who = مَن
access-active-who-value = فريق الدعم
access-active-level = المستوى
access-active-until = حتى
access-revoke = إلغاء الوصول
access-grant-intro = اسمح لفريق الدعم لدينا بالاطلاع على حسابك أو إصلاح أمر ما فيه نيابةً عنك. يُسجَّل كل تغيير يجريه الفريق ويُعرض هنا.
access-grant-level = ما الذي يُسمح لفريق الدعم بفعله؟
access-grant-duration = لأي مدة؟
access-grant-confirm =
    سيحصل فريق الدعم على وصول «{ $level ->
        [view] العرض فقط
       *[act] التصرّف نيابةً عنك
    }» لمدة { $duration }. يمكنك إلغاؤه في أي وقت.
access-grant-button = منح الوصول
access-grant-confirm-button = تأكيد الوصول
access-request-label = طلب وصول
access-request =
    يطلب { $agent } من فريق الدعم وصول «{ $level ->
        [view] العرض فقط
       *[act] التصرّف نيابةً عنك
    }» لمدة { $duration }.
access-request-allow = سماح
access-request-decline = رفض
access-actions-title = ما قام به فريق الدعم
access-action = { $summary }، بواسطة { $actor } من فريق الدعم، { $time }

# The messenger's name for screen readers, told apart from the host page's own main content
messenger-name = نافذة مراسلة الدعم

# The messenger opened without an app id in its address
messenger-misconfigured = لم يُضبط هذا المرسال بشكل صحيح: عنوانه لا يتضمن معرّف التطبيق.

# إرفاق ملف (كما في كتالوج التطبيق الآخر)
upload-unsupported = لا يستطيع هذا المتصفح رفع الملفات.
upload-not-understood = تعذّر فهم رد الخادم. حاول مرة أخرى.
upload-not-reached = لم يصل الملف إلى الخادم. حاول مرة أخرى.
upload-not-started = تعذّر بدء رفع الملف. حاول مرة أخرى.
upload-failed = فشل رفع الملف. حاول مرة أخرى.
upload-too-many = ملفات كثيرة جدًا دفعة واحدة. حاول مرة أخرى بعد { $seconds } ث.
upload-over-limit = يجب ألا يتجاوز حجم الملف { $megabytes } ميغابايت.
