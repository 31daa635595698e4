# Burmese messages of search, feeds and sharing: the same ids as locales/en/search.ftl.

search-title = ရှာဖွေရန်
search-title-for = ရှာဖွေမှု: { $query }
search-heading = ကွန်ရက်၏ လှုပ်ရှားမှုများကို ရှာဖွေရန်
search-label = ရှာလိုသည့် စကားလုံး
search-button = ရှာရန်
search-hint = ဒေသတွင်းရှိ မည်သည့်ဘာသာစကားဖြင့်မဆို စကားလုံးများကို ရှာပေးပြီး စာလုံးအကြီးအသေးနှင့် အသံထွက်သင်္ကေတများကို ထည့်မတွက်ပါ။ စကားစုတစ်ခုလုံးကို ရှာရန် "မျက်တောင်အဖွင့်အပိတ်" ကို၊ စကားလုံးတစ်ခု ပါဝင်သည့်ရလဒ်များကို ဖယ်ထုတ်ရန် -စကားလုံး ကို၊ စကားလုံးနှစ်ခုအနက် တစ်ခုခုကို ရှာရန် OR ကို သုံးပါ။
search-filter-category = အမျိုးအစား
search-filter-organization = အဖွဲ့အစည်း
search-filter-language = ဘာသာစကား
search-filter-year = ခုနှစ်
search-any-category = အမျိုးအစားအားလုံး
search-any-organization = အဖွဲ့အစည်းအားလုံး
search-any-language = ဘာသာစကားအားလုံး
search-any-year = ခုနှစ်အားလုံး
search-found = လှုပ်ရှားမှု { $count } ခု တွေ့ရှိပါသည်။
search-nothing-found = ဘာမျှ ရှာမတွေ့ပါ။ အခြားစကားလုံးများ သို့မဟုတ် စကားလုံးအနည်းငယ်သာ သုံးကြည့်ပါ၊ သို့မဟုတ် စစ်ထုတ်မှုများကို လျှော့ကြည့်ပါ။
search-too-short = စာလုံး နှစ်လုံး သို့မဟုတ် ထို့ထက်ပိုရှည်သော စကားလုံး အနည်းဆုံး တစ်လုံး ရိုက်ထည့်ပါ။
search-ignored = ရှာဖွေရန် တိုလွန်းသဖြင့် ချန်လှပ်ထားသည်များ: { $terms }
search-found-more-than = လှုပ်ရှားမှု { $count } ခုထက် ပို၍ တွေ့ရှိပါသည်။
search-capped = နောက်ဆုံးထည့်သွင်းထားသော ကိုက်ညီသည့်ရလဒ် { $count } ခုအနက် အကိုက်ညီဆုံးများကို ပြသထားပါသည်။ ရှာဖွေမှုကို ကျဉ်းစေရန် စကားလုံး သို့မဟုတ် စစ်ထုတ်မှု ထပ်ထည့်ပါ။
search-pages-label = ရလဒ် စာမျက်နှာများ
search-previous-results = ယခင် ရလဒ်များ
search-more-results = နောက်ထပ် ရလဒ်များ

feed-site-link = နောက်ဆုံး လှုပ်ရှားမှုများ (Atom ဖိဒ်)
feed-category-link = { $name }: နောက်ဆုံး လှုပ်ရှားမှုများ (Atom ဖိဒ်)
feed-organization-link = { $name } ၏ လှုပ်ရှားမှုများ (Atom ဖိဒ်)
feed-site-title = { $site }: နောက်ဆုံး လှုပ်ရှားမှုများ
feed-category-title = { $site }: { $name }
feed-organization-title = { $site }: { $name } ၏ လှုပ်ရှားမှုများ
