# Burmese messages of the accounts and admin area, in Unicode: the same ids as
# locales/en/accounts.ftl. Burmese has only the CLDR plural category `other`; `[0]`
# variants are exact numbers.

error-csrf-origin = ဤဖောင်ကို အခြားဝက်ဘ်ဆိုက်မှ ပို့ထားသဖြင့် လက်မခံခဲ့ပါ၊ မည်သည့်အရာကိုမျှ မပြောင်းလဲရသေးပါ။ သင်ကိုယ်တိုင် ပို့ခဲ့ပါက ဤဝက်ဘ်ဆိုက်၏ စာမျက်နှာကို ပြန်ဖွင့်ပြီး ထပ်မံကြိုးစားပါ။
error-csrf-token = ဤဖောင် သက်တမ်းကုန်သွားပြီ သို့မဟုတ် ဤဝက်ဘ်ဆိုက်မှ ပို့ထားခြင်း မဟုတ်သဖြင့် မည်သည့်အရာကိုမျှ မပြောင်းလဲရသေးပါ။ နောက်သို့ပြန်သွားပြီး စာမျက်နှာကို ပြန်ဖွင့်ကာ ထပ်မံကြိုးစားပါ။
error-secretariat-only = ဤစာမျက်နှာကို အတွင်းရေးမှူးရုံးသာ ဖွင့်ကြည့်နိုင်ပါသည်။
password-too-short = အနည်းဆုံး စာလုံး 12 လုံး သုံးပါ။
password-too-weak = ဤစကားဝှက်ကို ခန့်မှန်းရ လွယ်လွန်းပါသည်။ ဥပမာ- ဆက်စပ်မှုမရှိသော စကားလုံးအချို့ကို နံပါတ်တစ်ခုနှင့် တွဲသုံးကြည့်ပါ။
password-current-wrong = ဤစကားဝှက်သည် သင်၏ လက်ရှိစကားဝှက် မဟုတ်ပါ။
account-email-invalid = name@example.org ကဲ့သို့ အီးမေးလ်လိပ်စာတစ်ခု ထည့်ပါ။
account-email-taken = ဤအီးမေးလ်ဖြင့် အကောင့်တစ်ခု ရှိပြီးဖြစ်သည်။
account-organization-required = အဖွဲ့ဝင်အကောင့်သည် အဖွဲ့အစည်းတစ်ခုနှင့် သက်ဆိုင်ရပါမည်- တစ်ခုကို ရွေးပါ။
account-organization-unknown = ဤအမည်ဖြင့် အဖွဲ့အစည်း မရှိပါ။

login-title = အကောင့်ဝင်ရန်
login-intro = အဖွဲ့ဝင် အဖွဲ့အစည်းများနှင့် အတွင်းရေးမှူးရုံးအတွက်။
login-email = အီးမေးလ်
login-password = စကားဝှက်
login-submit = အကောင့်ဝင်မည်
login-invalid = အီးမေးလ် သို့မဟုတ် စကားဝှက် မမှန်ပါ။
login-throttled = မအောင်မြင်သော ကြိုးစားမှုများ များလွန်းပါသည်။ သင့်အကောင့် လုံခြုံရေးအတွက် အကောင့်ဝင်ခြင်းကို မိနစ် 15 ကြာ ခေတ္တရပ်ထားပါသည်။
logout = အကောင့်မှ ထွက်ရန်

admin-nav-label = စီမံခန့်ခွဲမှု
admin-dashboard = ဒက်ရှ်ဘုတ်
admin-organizations = အဖွဲ့အစည်းများ
admin-users = အကောင့်များ
admin-categories = အမျိုးအစားများ
admin-pages = စာမျက်နှာများ
admin-audit = စစ်ဆေးရေး မှတ်တမ်း
admin-my-organization = ကျွန်ုပ်၏ အဖွဲ့အစည်း
admin-account = ကျွန်ုပ်၏ အကောင့်
admin-welcome = သင်သည် { $email } အဖြစ် အကောင့်ဝင်ထားပါသည်။

account-title = ကျွန်ုပ်၏ အကောင့်
account-one-time = သင်သည် တစ်ကြိမ်သုံး စကားဝှက်ဖြင့် ဝင်ရောက်ထားပါသည်။ ဆက်လက်မဆောင်ရွက်မီ သင့်ကိုယ်ပိုင် စကားဝှက်ကို သတ်မှတ်ပါ။
account-current-password = လက်ရှိ စကားဝှက်
account-new-password = စကားဝှက်အသစ်
account-password-hint = အနည်းဆုံး စာလုံး 12 လုံးရှိပြီး ခန့်မှန်းရခက်ရမည်- ဆက်စပ်မှုမရှိသော စကားလုံးအချို့ကို တွဲသုံးခြင်းက ကောင်းပါသည်။
account-change = စကားဝှက် ပြောင်းရန်
account-password-changed = သင်၏ စကားဝှက်ကို ပြောင်းလဲပြီးပါပြီ။

account-email = အီးမေးလ်
account-name = အမည်
account-role = တာဝန်
account-organization = အဖွဲ့အစည်း
account-status = အခြေအနေ
account-actions = လုပ်ဆောင်ချက်များ
account-active = အသုံးပြုနေဆဲ
account-inactive = ပိတ်ထားသည်
account-reset = စကားဝှက် ပြန်သတ်မှတ်ရန်
account-deactivate = ပိတ်ရန်
account-reactivate = ပြန်ဖွင့်ရန်
account-new = အကောင့်အသစ်
account-create = အကောင့် ဖန်တီးရန်
account-role-invalid = အဖွဲ့ဝင် အဖွဲ့အစည်း သို့မဟုတ် အတွင်းရေးမှူးရုံးကို ရွေးပါ။
account-cannot-deactivate-self = သင့်ကိုယ်ပိုင်အကောင့်ကို ပိတ်၍ မရပါ။
role-member = အဖွဲ့ဝင် အဖွဲ့အစည်း
role-secretariat = အတွင်းရေးမှူးရုံး
credentials-title = တစ်ကြိမ်သုံး စကားဝှက်
credentials-once = ဤစကားဝှက်ကို အကောင့်ပိုင်ရှင်ထံ လုံခြုံသော နည်းလမ်းဖြင့် ပေးပို့ပါ။ ၎င်းကို ယခုတစ်ကြိမ်သာ ပြသမည်ဖြစ်ပြီး ပထမဆုံးအကြိမ် အကောင့်ဝင်ချိန်တွင် ပြောင်းလဲရပါမည်။
credentials-password = တစ်ကြိမ်သုံး စကားဝှက်

activities-title = လှုပ်ရှားမှုများ
moderation-title = စိစစ်ရန် စောင့်ဆိုင်းနေသည့်စာရင်း
activity-new = လှုပ်ရှားမှုအသစ်
activity-edit = လှုပ်ရှားမှုကို ပြင်ဆင်ရန်
activity-state = အခြေအနေ
activity-title = ခေါင်းစဉ်
activity-summary = အနှစ်ချုပ်
activity-body = အစီရင်ခံစာ (Markdown)
activity-body-hint = Markdown: ခေါင်းစဉ်အတွက် ## ၊ စာရင်းအတွက် * ၊ နံပါတ်စဉ်ပါ အကြံပြုချက်များအတွက် 1. ၊ လင့်ခ်အတွက် [စာသား](https://…) ကို သုံးပါ။ HTML ကို ရိုက်ထားသည့်အတိုင်း ပြသမည်။
activity-event-start = အခမ်းအနား၏ ပထမနေ့
activity-event-end = နောက်ဆုံးနေ့ (တစ်ရက်ထက်ပိုလျှင်)
activity-location = နေရာ(များ)၊ တစ်ကြောင်းလျှင် တစ်နေရာ
activity-language = အစီရင်ခံစာ၏ ဘာသာစကား
activity-language-hint = ဘာသာစကား ကုဒ်- en, my, th, km, lo, vi, zh…
activity-links-hint = တစ်ကြောင်းလျှင် လင့်ခ်တစ်ခု- လိပ်စာ၊ နေရာလွတ်တစ်ခု၊ ထို့နောက် ၎င်း၏ ခေါင်းစဉ်။
activity-save = သိမ်းရန်
activity-live = ထုတ်ဝေထားသည့်မူ
activity-preview = အစမ်းကြည့်ရန်
activity-preview-note = ထုတ်ဝေပြီးနောက် အစီရင်ခံစာကို ဤသို့ ဖတ်ရှုရမည်ဖြစ်သည်။
activity-actions = စိစစ်ခြင်းနှင့် ထုတ်ဝေခြင်း
activity-consent = ဤဓာတ်ပုံများတွင် ပါဝင်သူများက ထုတ်ဝေခြင်းကို သဘောတူထားပါသည်။
activity-publish-at = ထုတ်ဝေမည့်အချိန် (ဝက်ဘ်ဆိုက်၏ စံတော်ချိန်၊ ယခုပင် ထုတ်ဝေရန် ကွက်လပ်ထားပါ)
activity-comment = မည်သည့်အရာကို ပြင်ဆင်သင့်ပါသနည်း။
activity-reason = ပယ်ချရသည့် အကြောင်းရင်း
activity-timeline = မှတ်တမ်း
activity-submitted-at = တင်သွင်းသည့်အချိန်
activity-updated-at = နောက်ဆုံး ပြင်ဆင်ချိန်
activity-form-has-errors = ကျေးဇူးပြု၍ ဖောင်ကို စစ်ဆေးပါ:
filter-any = အားလုံး
filter-apply = စစ်ထုတ်ရန်
state-draft = မူကြမ်း
state-submitted = တင်သွင်းပြီး
state-changes_requested = ပြင်ဆင်ရန် တောင်းဆိုထားသည်
state-rejected = ပယ်ချထားသည်
state-scheduled = ထုတ်ဝေရန် အချိန်သတ်မှတ်ထားသည်
state-published = ထုတ်ဝေပြီး
state-unpublished = ထုတ်ဝေမှု ရုပ်သိမ်းထားသည်
state-superseded = ပိုသစ်သောမူဖြင့် အစားထိုးထားသည်
action-submit = စိစစ်ရန် တင်သွင်းမည်
action-withdraw = ပြန်ရုပ်သိမ်းမည်
action-delete = မူကြမ်းကို ဖျက်မည်
action-approve = အတည်ပြုမည်
action-request-changes = ပြင်ဆင်ရန် တောင်းဆိုမည်
action-reject = ပယ်ချမည်
action-reopen = မူကြမ်းအဖြစ် ပြန်ဖွင့်မည်
action-unpublish = ထုတ်ဝေမှု ရုပ်သိမ်းမည်
action-republish = ပြန်လည် ထုတ်ဝေမည်
activity-title-required = မူကြမ်းအတွက်ပင် ခေါင်းစဉ် လိုအပ်ပါသည်။
activity-title-too-long = ခေါင်းစဉ် ရှည်လွန်းပါသည် (အများဆုံး စာလုံး 300)။
activity-summary-too-long = အနှစ်ချုပ် ရှည်လွန်းပါသည် (အများဆုံး စာလုံး 2,000)။
activity-body-too-long = အစီရင်ခံစာ ရှည်လွန်းပါသည်။
activity-location-too-long = နေရာအမည် ရှည်လွန်းပါသည်။
activity-date-invalid = 2016-12-18 ကဲ့သို့ ရက်စွဲပုံစံကို သုံးပါ။
activity-end-before-start = နောက်ဆုံးနေ့သည် ပထမနေ့ မတိုင်မီ ဖြစ်၍ မရပါ။
activity-language-invalid = en, my သို့မဟုတ် th ကဲ့သို့ ဘာသာစကား ကုဒ်ကို သုံးပါ။
activity-links-invalid = စာကြောင်းတိုင်းတွင် https:// သို့မဟုတ် http:// ဖြင့် စသော လိပ်စာနှင့် ၎င်းနောက်တွင် ခေါင်းစဉ် ပါရပါမည်။
activity-category-unknown = စာရင်းထဲမှ အမျိုးအစားများကို ရွေးပါ။
activity-partner-unknown = စာရင်းထဲမှ မိတ်ဖက်များကို ရွေးပါ။
activity-organization-required = ဤအစီရင်ခံစာနှင့် သက်ဆိုင်သည့် အဖွဲ့အစည်းကို ရွေးပါ။
activity-organization-unknown = ထိုအဖွဲ့အစည်း မရှိပါ။
activity-summary-required = မတင်သွင်းမီ အနှစ်ချုပ် လိုအပ်ပါသည်။
activity-body-required = မတင်သွင်းမီ အစီရင်ခံစာ လိုအပ်ပါသည်။
activity-categories-required = မတင်သွင်းမီ အမျိုးအစား အနည်းဆုံး တစ်ခု ရွေးပါ။
activity-event-start-required = မတင်သွင်းမီ အခမ်းအနား ရက်စွဲ လိုအပ်ပါသည်။
activity-photos-need-alt = မတင်သွင်းမီ ဓာတ်ပုံတိုင်းတွင် ဖော်ပြချက် (alt စာသား) သို့မဟုတ် "အလှဆင်ပုံ" အမှတ်အသား ရှိရပါမည်။
activity-consent-required = ဓာတ်ပုံများတွင် ပါဝင်သူများက ထုတ်ဝေခြင်းကို သဘောတူကြောင်း အတည်ပြုပေးပါ။
activity-comment-required = မည်သည့်အရာကို ပြင်ဆင်သင့်သည်ကို ဖော်ပြပါ။
activity-reason-required = ပယ်ချရသည့် အကြောင်းရင်းကို ဖော်ပြပါ။
activity-publish-at-invalid = 2026-12-18T09:00 ကဲ့သို့ ရက်စွဲနှင့် အချိန်ပုံစံကို သုံးပါ။
activity-stale-revision = သင် စာမျက်နှာကို ဖွင့်ပြီးနောက် ဤလှုပ်ရှားမှု ပြောင်းလဲသွားပါသည် (အခြားသူတစ်ဦးက ဆောင်ရွက်ခဲ့သည်)။ လက်ရှိမူကို ကြည့်ရန် စာမျက်နှာကို ပြန်ဖွင့်ပါ၊ မည်သည့်အရာကိုမျှ မပြောင်းလဲရသေးပါ။
activity-not-editable = ဤမူသည် စိစစ်ဆဲ သို့မဟုတ် ပယ်ချခံထားရသဖြင့် ယခု ပြင်ဆင်၍ မရပါ- ဦးစွာ ပြန်ရုပ်သိမ်းပါ သို့မဟုတ် မူကြမ်းအဖြစ် ပြန်ဖွင့်ပါ။
activity-action-wrong-state = လှုပ်ရှားမှု၏ လက်ရှိအခြေအနေတွင် ဤလုပ်ဆောင်ချက်ကို ပြုလုပ်၍ မရပါ။ လက်ရှိအခြေအနေကို သိရန် စာမျက်နှာကို ပြန်ဖွင့်ပါ။
activity-action-not-allowed = သင့်အကောင့်ဖြင့် ဤလုပ်ဆောင်ချက်ကို ပြုလုပ်ခွင့် မရှိပါ။
dashboard-waiting-review = { $count ->
    [0] စိစစ်ရန် စောင့်ဆိုင်းနေသည့် တင်သွင်းချက် မရှိပါ
   *[other] တင်သွင်းချက် { $count } ခု စိစစ်ရန် စောင့်ဆိုင်းနေသည်
}
dashboard-changes-requested = { $count ->
    [0] ပြင်ဆင်ရန် တောင်းဆိုထားသည့် အစီရင်ခံစာ မရှိပါ
   *[other] အစီရင်ခံစာ { $count } ခုကို ပြင်ဆင်ရန် တောင်းဆိုထားသည်
}
dashboard-drafts = မူကြမ်း { $count } ခု
admin-moderation = စိစစ်ရန် စောင့်ဆိုင်းနေသည့်စာရင်း
admin-activities = လှုပ်ရှားမှုများ
activity-changes = ထုတ်ဝေထားသည့်မူနှင့် နှိုင်းယှဉ်ထားသော ပြောင်းလဲမှုများ
history-title = စိစစ်မှု မှတ်တမ်း
history-action = လုပ်ဆောင်ချက်
history-time = အချိန်
history-by = ဆောင်ရွက်သူ
history-scheduler = အလိုအလျောက် ထုတ်ဝေစနစ်
