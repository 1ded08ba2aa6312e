# الجمل التي يرفض بها الخادم طلبًا، بالعربية.

# الطلبات كاملة

invalid = يُرجى مراجعة الحقول المحددة
unauthorized = سجّل الدخول أولًا
bad-credentials = البريد الإلكتروني أو كلمة المرور غير صحيحة
origin-not-allowed = الطلبات من هذا المصدر غير مسموح بها لمساحة العمل هذه
csrf = رمز CSRF مفقود أو غير صالح
unavailable = الخادم يتوقف الآن
busy = الخادم مشغول؛ يُرجى المحاولة مرة أخرى بعد قليل
internal = حدث خطأ من جهتنا؛ يُرجى المحاولة مرة أخرى
method-not-allowed = هذا المسار لا يقبل الطريقة { $method }
body-too-large = الطلب أكبر مما تقبله نقطة الوصول هذه
body-too-large-max = الطلب أكبر مما تقبله نقطة الوصول هذه ({ $max } بايت)

# حقول النماذج المشتركة بين كل طرق فتح تذكرة

too-long = اجعله أقل من { $max } حرف
email-missing = أدخل عنوان بريدك الإلكتروني لنتمكن من الرد عليك
email-invalid = أدخل عنوان بريد إلكتروني مثل jane@example.com
one-line = استخدم { $max } حرف على الأكثر في سطر واحد
page-errors-too-many = أرسل { $max } أخطاء على الأكثر
page-errors-too-long = اجعل كل خطأ أقل من { $max } حرف
tags-invalid = استخدم { $tags } وسمًا على الأكثر، طول كل منها { $max } حرف على الأكثر
page-url-invalid = أدخل عنوان http أو https لا يتجاوز { $max } بايت
attributes-too-many = أرسل { $max } سمة على الأكثر
attributes-invalid = أعطِ كل سمة اسمًا، واجعل الأسماء والقيم سطرًا واحدًا من { $max } حرف على الأكثر
files-too-many = أرسل { $max } ملفات على الأكثر في المرة الواحدة
file-gone = لم يعد أحد الملفات موجودًا: أرفقه مرة أخرى

# ما يحتاجه حقل تُرك فارغًا

missing-subject-short = أضف موضوعًا قصيرًا
missing-subject = أضف موضوعًا
missing-ticket-subject = أعطِ التذكرة موضوعًا
missing-need = أخبرنا بما تحتاج المساعدة فيه
missing-description = أضف وصفًا
missing-tried = اذكر ما كنت تحاول فعله
missing-happened = اذكر ما حدث بدلًا من ذلك
missing-goal = اذكر ما تريد تحقيقه
missing-reply = اكتب ردًا أولًا
missing-note = اكتب ملاحظة أولًا
missing-reply-title = أعطِ الرد عنوانًا يعرفه الفريق
missing-reply-text = اكتب النص الذي يُدرجه الرد
missing-key-name = سمِّ المفتاح باسم ما يستخدمه
rating-range = اختر تقييمًا من 1 إلى 5

# نماذج الإعدادات في وحدة التحكم

title-one-line = اجعل العنوان في سطر واحد
team-name = أدخل اسمًا من 1 إلى { $max } حرف في سطر واحد
hours-weekly = أدخل ساعات العمل للأيام السبعة كلها، بدءًا من الاثنين
reminder-days = اختر بين 1 و365 يومًا
close-days = اختر أيامًا أكثر مما للتذكير، 365 على الأكثر
tickets-per-day = اختر بين 1 و100000 تذكرة في اليوم، أو اتركه فارغًا للقيمة الافتراضية

# الملفات

file-empty = الملف فارغ
file-too-large-mb = حجم الملف أكبر من { $mb } ميغابايت
file-type-refused = الملفات من نوع { $type } غير مقبولة
file-unrecognised = نوع الملف غير معروف
file-damaged = الصورة تالفة
file-name = أعطِ الملف اسمًا من 1 إلى { $max } حرف
file-over-limit = حجم الملف { $size } على الأكثر
files-full-agent = مساحة تخزين الملفات في مساحة العمل ممتلئة؛ اسأل أحد المسؤولين
files-full-visitor = لا مكان لمزيد من الملفات الآن؛ يُرجى وصفه بالكلمات بدلًا من ذلك
file-infected = يحتوي الملف على برمجية خبيثة ({ $name }) وقد رُفض
scanner-down = لا يمكن فحص الملفات بحثًا عن البرمجيات الخبيثة الآن، لذا لا يُقبل أي ملف؛ حاول لاحقًا
upload-interrupted = انقطع رفع الملف
