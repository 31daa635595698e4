# English interface messages of mmn-portal.
# Ids are kebab-case; templates use them through `layout.t("id")`.

site-name = Mekong Migration Network
site-tagline = Migrant-rights organizations working together across the Mekong region
skip-to-content = Skip to main content
back-to-top = Back to top

nav-label = Main
nav-home = Home
nav-activities = Activities
nav-organizations = Members
nav-about = About
nav-search = Search
nav-login = Log in

footer-label = Site information
footer-privacy = Privacy
footer-contact = Contact
footer-feed = Atom feed
footer-note = Published by the network's secretariat. Photos are shown only with the consent of the people in them.

error-status = Error { $status }
error-400-title = The request could not be understood
error-400-body = Something in the request was malformed. Please go back and try again.
error-403-title = Not allowed
error-403-body = You do not have permission to do this.
error-404-title = Page not found
error-404-body = There is no page at this address. It may have moved, or the link may be mistyped.
error-405-title = Not allowed here
error-405-body = This address does not accept that kind of request.
error-409-title = This has changed in the meantime
error-409-body = The action does not fit the current state of this item. Reload the page and try again.
error-413-title = Too large
error-413-body = What you sent is larger than the portal accepts.
error-422-title = Please check the form
error-422-body = Some of what was sent could not be accepted.
error-429-title = Too many attempts
error-429-body = Please wait a few minutes before trying again.
error-500-title = Something went wrong
error-500-body = The portal could not complete this request. The problem has been logged; please try again later.
error-503-title = Busy for a moment
error-503-body = The portal is busy right now. Please try again in a few seconds.
error-other-title = The request could not be completed
error-other-body = Please go back and try again.
error-go-home = Go to the home page

home-title = Network activities
home-intro = Reports of what the network's member organizations do together: events, trainings, country visits, statements and research.
home-latest = Latest activities
home-all-activities = All activities
categories-heading = Categories
months-heading = Archives by month
category-heading = Category archives: { $name }
archive-heading = Published in { $month }
continue-reading = Continue reading
continue-reading-about = about { $title }
published-on = Published
event-dates = Dates
event-place = Place
organized-by = Organized by
partners = Partners
in-categories = Categories
photos-heading = Photos
documents-heading = Documents
press-heading = In the press
activity-previous = Previous
activity-next = Next
pagination-label = Pages
pagination-older = Older activities
pagination-newer = Newer activities
pagination-status = Page { $page } of { $pages }
activities-count = { $count ->
    [one] { $count } activity
   *[other] { $count } activities
}
organizations-heading = Member organizations
organization-activities = Activities of { $name }
organization-website = Website
organization-country = Country
no-activities = No activities have been published here yet.
photo-open-larger = Open the larger photo
attachment-size = [{ $size }]

country-KH = Cambodia
country-LA = Laos
country-MM = Myanmar
country-TH = Thailand
country-VN = Vietnam
country-CN = China
country-HK = Hong Kong
country-JP = Japan
country-MY = Malaysia
country-ID = Indonesia
country-PH = Philippines
country-SG = Singapore
country-KR = South Korea
country-TW = Taiwan
country-IN = India
country-BD = Bangladesh
country-NP = Nepal
country-LK = Sri Lanka
country-AU = Australia

language-en = English
language-th = ไทย
language-my = မြန်မာ
language-km = ខ្មែរ
language-lo = ລາວ
language-vi = Tiếng Việt
language-zh = 中文

## Limits on requests (src/auth/csrf.rs)
error-form-too-large = The form is larger than 2 MB, so it was refused and nothing was saved. Shorten the longest text and send it again.
error-form-too-many-fields = The form has more than 1000 fields, so it was refused and nothing was saved.
error-body-too-slow = The form arrived too slowly and was cut off; nothing was saved. Please send it again.
error-body-broken = The form arrived incomplete; nothing was saved. Please send it again.
error-storage-full = The server has no room left to save this, so nothing was saved. What you sent is shown again; please tell the secretariat and try again later.

## Dates (src/calendar.rs). Thai years are counted in the Buddhist era by the code.
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December
# "18 December 2016"
date-day-month-year = { $day } { $month } { $year }
# "December 2016", for the archive by month
date-month-year = { $month } { $year }
# "30 November", the first day of a range that ends in another month
date-day-month = { $day } { $month }

## The interface language switch in every page's header
language-switch = Language
language-switch-label = Read this site in another language

## Translations of an activity
also-in = Also in:
translations-label = This activity in other languages
shared-from-original = Shared with the { $language } original
