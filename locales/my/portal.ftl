# Burmese interface messages of mmn-portal, in Unicode (never Zawgyi): the same ids as
# locales/en/portal.ftl. Burmese has only the CLDR plural category `other`, so counts need
# no select; a number comes before its classifier (လှုပ်ရှားမှု 3 ခု).

site-name = Mekong Migration Network
site-tagline = မဲခေါင်ဒေသတစ်ဝှမ်း ပူးပေါင်းဆောင်ရွက်နေကြသော ရွှေ့ပြောင်းလုပ်သားအခွင့်အရေးဆိုင်ရာ အဖွဲ့အစည်းများ
skip-to-content = ပင်မအကြောင်းအရာသို့ ကျော်သွားရန်
back-to-top = အပေါ်သို့ ပြန်သွားရန်

nav-label = ပင်မမီနူး
nav-home = ပင်မစာမျက်နှာ
nav-activities = လှုပ်ရှားမှုများ
nav-organizations = အဖွဲ့ဝင်များ
nav-about = ကျွန်ုပ်တို့အကြောင်း
nav-search = ရှာဖွေရန်
nav-login = အကောင့်ဝင်ရန်

footer-label = ဝက်ဘ်ဆိုက် အချက်အလက်
footer-privacy = ကိုယ်ရေးကိုယ်တာ လုံခြုံမှု
footer-contact = ဆက်သွယ်ရန်
footer-feed = Atom ဖိဒ်
footer-note = ကွန်ရက်၏ အတွင်းရေးမှူးရုံးမှ ထုတ်ဝေသည်။ ဓာတ်ပုံများကို ပုံတွင်ပါဝင်သူများ၏ သဘောတူညီချက်ဖြင့်သာ ဖော်ပြပါသည်။

error-status = အမှား { $status }
error-400-title = တောင်းဆိုချက်ကို နားမလည်နိုင်ပါ
error-400-body = တောင်းဆိုချက်တွင် ပုံစံမမှန်သည့် အချက် ပါဝင်နေပါသည်။ ကျေးဇူးပြု၍ နောက်သို့ပြန်သွားပြီး ထပ်မံကြိုးစားပါ။
error-403-title = ခွင့်မပြုပါ
error-403-body = ဤလုပ်ဆောင်ချက်ကို ပြုလုပ်ရန် သင့်တွင် ခွင့်ပြုချက် မရှိပါ။
error-404-title = စာမျက်နှာ ရှာမတွေ့ပါ
error-404-body = ဤလိပ်စာတွင် စာမျက်နှာ မရှိပါ။ စာမျက်နှာကို ရွှေ့ထားခြင်း သို့မဟုတ် လင့်ခ်ကို မှားယွင်းရိုက်ထားခြင်း ဖြစ်နိုင်ပါသည်။
error-405-title = ဤနေရာတွင် ခွင့်မပြုပါ
error-405-body = ဤလိပ်စာသည် ထိုအမျိုးအစား တောင်းဆိုချက်ကို လက်မခံပါ။
error-409-title = ဤအတောအတွင်း ပြောင်းလဲသွားပါပြီ
error-409-body = ဤလုပ်ဆောင်ချက်သည် ဤအရာ၏ လက်ရှိအခြေအနေနှင့် မကိုက်ညီပါ။ စာမျက်နှာကို ပြန်ဖွင့်ပြီး ထပ်မံကြိုးစားပါ။
error-413-title = အရွယ်အစား ကြီးလွန်းသည်
error-413-body = သင်ပို့လိုက်သည့်အရာသည် ဝက်ဘ်ဆိုက်က လက်ခံနိုင်သည်ထက် ကြီးနေပါသည်။
error-422-title = ဖောင်ကို စစ်ဆေးပေးပါ
error-422-body = ပို့လိုက်သည့် အချက်အလက်အချို့ကို လက်ခံ၍ မရပါ။
error-429-title = ကြိုးစားမှု အကြိမ်ရေ များလွန်းသည်
error-429-body = ထပ်မံမကြိုးစားမီ မိနစ်အနည်းငယ် စောင့်ပေးပါ။
error-500-title = တစ်ခုခု မှားယွင်းသွားပါသည်
error-500-body = ဝက်ဘ်ဆိုက်သည် ဤတောင်းဆိုချက်ကို ဆောင်ရွက်၍ မပြီးဆုံးနိုင်ပါ။ ပြဿနာကို မှတ်တမ်းတင်ထားပြီးဖြစ်သည်။ နောက်မှ ထပ်မံကြိုးစားပါ။
error-503-title = ခေတ္တ အလုပ်များနေသည်
error-503-body = ဝက်ဘ်ဆိုက်သည် ယခု အလုပ်များနေပါသည်။ စက္ကန့်အနည်းငယ်အကြာတွင် ထပ်မံကြိုးစားပါ။
error-other-title = တောင်းဆိုချက်ကို ဆောင်ရွက်၍ မပြီးဆုံးနိုင်ပါ
error-other-body = ကျေးဇူးပြု၍ နောက်သို့ပြန်သွားပြီး ထပ်မံကြိုးစားပါ။
error-go-home = ပင်မစာမျက်နှာသို့ သွားရန်

home-title = ကွန်ရက် လှုပ်ရှားမှုများ
home-intro = ကွန်ရက်အဖွဲ့ဝင် အဖွဲ့အစည်းများ ပူးပေါင်းဆောင်ရွက်ခဲ့သည်များ၏ အစီရင်ခံစာများ- အခမ်းအနားများ၊ သင်တန်းများ၊ နိုင်ငံများသို့ သွားရောက်လေ့လာခြင်းများ၊ ထုတ်ပြန်ချက်များနှင့် သုတေသနများ။
home-latest = နောက်ဆုံး လှုပ်ရှားမှုများ
home-all-activities = လှုပ်ရှားမှုအားလုံး
categories-heading = အမျိုးအစားများ
months-heading = လအလိုက် မှတ်တမ်းများ
category-heading = အမျိုးအစားအလိုက် မှတ်တမ်း: { $name }
archive-heading = { $month }တွင် ထုတ်ဝေခဲ့သည်များ
continue-reading = ဆက်လက်ဖတ်ရှုရန်
continue-reading-about = { $title } အကြောင်း
published-on = ထုတ်ဝေသည့်နေ့
event-dates = ရက်စွဲများ
event-place = နေရာ
organized-by = ကြီးမှူးကျင်းပသူ
partners = မိတ်ဖက်များ
in-categories = အမျိုးအစားများ
photos-heading = ဓာတ်ပုံများ
documents-heading = စာရွက်စာတမ်းများ
press-heading = သတင်းမီဒီယာတွင်
activity-previous = ယခင်
activity-next = နောက်တစ်ခု
pagination-label = စာမျက်နှာများ
pagination-older = ယခင် လှုပ်ရှားမှုများ
pagination-newer = ပိုသစ်သော လှုပ်ရှားမှုများ
pagination-status = စုစုပေါင်း { $pages } မျက်နှာအနက် စာမျက်နှာ { $page }
activities-count = လှုပ်ရှားမှု { $count } ခု
organizations-heading = အဖွဲ့ဝင် အဖွဲ့အစည်းများ
organization-activities = { $name } ၏ လှုပ်ရှားမှုများ
organization-website = ဝက်ဘ်ဆိုက်
organization-country = နိုင်ငံ
no-activities = ဤနေရာတွင် ထုတ်ဝေထားသည့် လှုပ်ရှားမှု မရှိသေးပါ။
photo-open-larger = ဓာတ်ပုံကို အကြီးချဲ့ကြည့်ရန်
attachment-size = [{ $size }]

country-KH = ကမ္ဘောဒီးယား
country-LA = လာအို
country-MM = မြန်မာ
country-TH = ထိုင်း
country-VN = ဗီယက်နမ်
country-CN = တရုတ်
country-HK = ဟောင်ကောင်
country-JP = ဂျပန်
country-MY = မလေးရှား
country-ID = အင်ဒိုနီးရှား
country-PH = ဖိလစ်ပိုင်
country-SG = စင်ကာပူ
country-KR = တောင်ကိုရီးယား
country-TW = ထိုင်ဝမ်
country-IN = အိန္ဒိယ
country-BD = ဘင်္ဂလားဒေ့ရှ်
country-NP = နီပေါ
country-LK = သီရိလင်္ကာ
country-AU = ဩစတြေးလျ

language-en = English
language-th = ไทย
language-my = မြန်မာ
language-km = ខ្មែរ
language-lo = ລາວ
language-vi = Tiếng Việt
language-zh = 中文

## Limits on requests (src/auth/csrf.rs)
error-form-too-large = ဖောင်သည် 2 MB ထက် ကြီးနေသဖြင့် လက်မခံခဲ့ပါ၊ မည်သည့်အရာကိုမျှ မသိမ်းဆည်းရသေးပါ။ အရှည်ဆုံး စာသားကို တိုအောင်ပြင်ပြီး ထပ်မံပို့ပါ။
error-form-too-many-fields = ဖောင်တွင် အကွက် 1000 ထက်ပို၍ ပါဝင်နေသဖြင့် လက်မခံခဲ့ပါ၊ မည်သည့်အရာကိုမျှ မသိမ်းဆည်းရသေးပါ။
error-body-too-slow = ဖောင် ရောက်ရှိမှု နှေးလွန်းသဖြင့် ဖြတ်တောက်လိုက်ရပါသည်၊ မည်သည့်အရာကိုမျှ မသိမ်းဆည်းရသေးပါ။ ထပ်မံပို့ပေးပါ။
error-body-broken = ဖောင် မပြည့်စုံဘဲ ရောက်ရှိလာသဖြင့် မည်သည့်အရာကိုမျှ မသိမ်းဆည်းရသေးပါ။ ထပ်မံပို့ပေးပါ။
error-storage-full = ဆာဗာတွင် ဤအရာကို သိမ်းဆည်းရန် နေရာ မကျန်တော့သဖြင့် မည်သည့်အရာကိုမျှ မသိမ်းဆည်းရသေးပါ။ သင်ပို့ထားသည့်အရာကို ပြန်လည်ဖော်ပြထားပါသည်။ အတွင်းရေးမှူးရုံးသို့ အကြောင်းကြားပြီး နောက်မှ ထပ်မံကြိုးစားပါ။

## Dates (src/calendar.rs). The code writes the numbers in Myanmar digits. Burmese formal
## dates put the year first: "၂၀၁၆ ခုနှစ်၊ ဒီဇင်ဘာလ ၁၈ ရက်".
month-1 = ဇန်နဝါရီ
month-2 = ဖေဖော်ဝါရီ
month-3 = မတ်
month-4 = ဧပြီ
month-5 = မေ
month-6 = ဇွန်
month-7 = ဇူလိုင်
month-8 = ဩဂုတ်
month-9 = စက်တင်ဘာ
month-10 = အောက်တိုဘာ
month-11 = နိုဝင်ဘာ
month-12 = ဒီဇင်ဘာ
# "၂၀၁၆ ခုနှစ်၊ ဒီဇင်ဘာလ ၁၈ ရက်"
date-day-month-year = { $year } ခုနှစ်၊ { $month }လ { $day } ရက်
# "၂၀၁၆ ခုနှစ်၊ ဒီဇင်ဘာလ", for the archive by month
date-month-year = { $year } ခုနှစ်၊ { $month }လ
# "နိုဝင်ဘာလ ၃၀ ရက်", the first day of a range that ends in another month
date-day-month = { $month }လ { $day } ရက်

## The interface language switch in every page's header
language-switch = ဘာသာစကား
language-switch-label = ဤဝက်ဘ်ဆိုက်ကို အခြားဘာသာစကားဖြင့် ဖတ်ရန်

## Translations of an activity
also-in = အခြားဘာသာဖြင့်:
translations-label = ဤလှုပ်ရှားမှုကို အခြားဘာသာစကားများဖြင့် ဖတ်ရန်
shared-from-original = { $language } မူရင်းနှင့် မျှဝေထားသည်
