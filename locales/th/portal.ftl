# Thai interface messages of mmn-portal: the same ids as locales/en/portal.ftl.
# Thai has only the CLDR plural category `other`, so counts need no select.
# Thai writes no spaces between words, only between phrases and sentences, and no full stop.

site-name = Mekong Migration Network
site-tagline = องค์กรด้านสิทธิผู้ย้ายถิ่นที่ร่วมมือกันทั่วภูมิภาคลุ่มน้ำโขง
skip-to-content = ข้ามไปยังเนื้อหาหลัก
back-to-top = กลับขึ้นด้านบน

nav-label = เมนูหลัก
nav-home = หน้าแรก
nav-activities = กิจกรรม
nav-organizations = สมาชิก
nav-about = เกี่ยวกับเรา
nav-search = ค้นหา
nav-login = เข้าสู่ระบบ

footer-label = ข้อมูลเว็บไซต์
footer-privacy = ความเป็นส่วนตัว
footer-contact = ติดต่อเรา
footer-feed = ฟีด Atom
footer-note = เผยแพร่โดยสำนักเลขาธิการเครือข่าย ภาพถ่ายจะแสดงก็ต่อเมื่อได้รับความยินยอมจากบุคคลในภาพเท่านั้น

error-status = ข้อผิดพลาด { $status }
error-400-title = ไม่สามารถเข้าใจคำขอนี้ได้
error-400-body = คำขอมีบางส่วนที่ไม่ถูกต้อง โปรดย้อนกลับแล้วลองอีกครั้ง
error-403-title = ไม่ได้รับอนุญาต
error-403-body = คุณไม่มีสิทธิ์ดำเนินการนี้
error-404-title = ไม่พบหน้านี้
error-404-body = ไม่มีหน้าเว็บที่ที่อยู่นี้ หน้าอาจถูกย้ายไปแล้ว หรือลิงก์อาจพิมพ์ผิด
error-405-title = ไม่อนุญาตให้ดำเนินการที่นี่
error-405-body = ที่อยู่นี้ไม่รับคำขอประเภทดังกล่าว
error-409-title = ข้อมูลมีการเปลี่ยนแปลงในระหว่างนี้
error-409-body = การดำเนินการนี้ไม่สอดคล้องกับสถานะปัจจุบันของรายการนี้ โปรดโหลดหน้าใหม่แล้วลองอีกครั้ง
error-413-title = ขนาดใหญ่เกินไป
error-413-body = ข้อมูลที่คุณส่งมีขนาดใหญ่เกินกว่าที่เว็บไซต์รับได้
error-422-title = โปรดตรวจสอบแบบฟอร์ม
error-422-body = ข้อมูลบางส่วนที่ส่งมาไม่สามารถรับได้
error-429-title = พยายามหลายครั้งเกินไป
error-429-body = โปรดรอสักสองสามนาทีก่อนลองอีกครั้ง
error-500-title = เกิดข้อผิดพลาดบางอย่าง
error-500-body = เว็บไซต์ไม่สามารถดำเนินการตามคำขอนี้ได้ ระบบได้บันทึกปัญหาไว้แล้ว โปรดลองอีกครั้งในภายหลัง
error-503-title = ระบบไม่ว่างชั่วขณะ
error-503-body = ขณะนี้เว็บไซต์ไม่ว่าง โปรดลองอีกครั้งในอีกไม่กี่วินาที
error-other-title = ไม่สามารถดำเนินการตามคำขอได้
error-other-body = โปรดย้อนกลับแล้วลองอีกครั้ง
error-go-home = ไปที่หน้าแรก

home-title = กิจกรรมของเครือข่าย
home-intro = รายงานสิ่งที่องค์กรสมาชิกของเครือข่ายร่วมกันดำเนินการ ได้แก่ งานกิจกรรม การฝึกอบรม การเยือนประเทศต่าง ๆ แถลงการณ์ และงานวิจัย
home-latest = กิจกรรมล่าสุด
home-all-activities = กิจกรรมทั้งหมด
categories-heading = หมวดหมู่
months-heading = คลังกิจกรรมรายเดือน
category-heading = คลังกิจกรรมตามหมวดหมู่: { $name }
archive-heading = เผยแพร่ในเดือน{ $month }
continue-reading = อ่านต่อ
continue-reading-about = เรื่อง { $title }
published-on = เผยแพร่เมื่อ
event-dates = วันที่จัด
event-place = สถานที่
organized-by = จัดโดย
partners = องค์กรภาคี
in-categories = หมวดหมู่
photos-heading = ภาพถ่าย
documents-heading = เอกสาร
press-heading = ข่าวในสื่อ
activity-previous = ก่อนหน้า
activity-next = ถัดไป
pagination-label = เลขหน้า
pagination-older = กิจกรรมที่เก่ากว่า
pagination-newer = กิจกรรมที่ใหม่กว่า
pagination-status = หน้า { $page } จาก { $pages }
activities-count = { $count } กิจกรรม
organizations-heading = องค์กรสมาชิก
organization-activities = กิจกรรมของ { $name }
organization-website = เว็บไซต์
organization-country = ประเทศ
no-activities = ยังไม่มีกิจกรรมที่เผยแพร่ในส่วนนี้
photo-open-larger = เปิดภาพขนาดใหญ่
attachment-size = [{ $size }]

country-KH = กัมพูชา
country-LA = ลาว
country-MM = เมียนมา
country-TH = ไทย
country-VN = เวียดนาม
country-CN = จีน
country-HK = ฮ่องกง
country-JP = ญี่ปุ่น
country-MY = มาเลเซีย
country-ID = อินโดนีเซีย
country-PH = ฟิลิปปินส์
country-SG = สิงคโปร์
country-KR = เกาหลีใต้
country-TW = ไต้หวัน
country-IN = อินเดีย
country-BD = บังกลาเทศ
country-NP = เนปาล
country-LK = ศรีลังกา
country-AU = ออสเตรเลีย

language-en = English
language-th = ไทย
language-my = မြန်မာ
language-km = ខ្មែរ
language-lo = ລາວ
language-vi = Tiếng Việt
language-zh = 中文

## Limits on requests (src/auth/csrf.rs)
error-form-too-large = แบบฟอร์มมีขนาดเกิน 2 MB จึงถูกปฏิเสธและไม่มีการบันทึกข้อมูลใด ๆ โปรดย่อข้อความที่ยาวที่สุดให้สั้นลงแล้วส่งอีกครั้ง
error-form-too-many-fields = แบบฟอร์มมีช่องข้อมูลมากกว่า 1000 ช่อง จึงถูกปฏิเสธและไม่มีการบันทึกข้อมูลใด ๆ
error-body-too-slow = แบบฟอร์มส่งมาถึงช้าเกินไปจึงถูกตัดกลางคัน ไม่มีการบันทึกข้อมูลใด ๆ โปรดส่งอีกครั้ง
error-body-broken = แบบฟอร์มส่งมาไม่ครบถ้วน ไม่มีการบันทึกข้อมูลใด ๆ โปรดส่งอีกครั้ง
error-storage-full = เซิร์ฟเวอร์ไม่มีพื้นที่เหลือสำหรับบันทึกข้อมูลนี้ จึงไม่มีการบันทึกข้อมูลใด ๆ ข้อมูลที่คุณส่งแสดงไว้ให้อีกครั้งแล้ว โปรดแจ้งสำนักเลขาธิการและลองอีกครั้งในภายหลัง

## Dates (src/calendar.rs). The code counts Thai years in the Buddhist era (2016 is 2559).
month-1 = มกราคม
month-2 = กุมภาพันธ์
month-3 = มีนาคม
month-4 = เมษายน
month-5 = พฤษภาคม
month-6 = มิถุนายน
month-7 = กรกฎาคม
month-8 = สิงหาคม
month-9 = กันยายน
month-10 = ตุลาคม
month-11 = พฤศจิกายน
month-12 = ธันวาคม
# "18 ธันวาคม 2559"
date-day-month-year = { $day } { $month } { $year }
# "ธันวาคม 2559", for the archive by month
date-month-year = { $month } { $year }
# "30 พฤศจิกายน", the first day of a range that ends in another month
date-day-month = { $day } { $month }

## The interface language switch in every page's header
language-switch = ภาษา
language-switch-label = อ่านเว็บไซต์นี้ในภาษาอื่น

## Translations of an activity
also-in = ฉบับภาษาอื่น:
translations-label = กิจกรรมนี้ในภาษาอื่น
shared-from-original = ใช้ร่วมกับต้นฉบับภาษา { $language }
