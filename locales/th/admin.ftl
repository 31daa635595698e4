# Thai messages of the secretariat's management pages (organizations, categories, pages,
# audit log) and of a member's own organization page: the same ids as locales/en/admin.ftl.

manage-saved = บันทึกการเปลี่ยนแปลงของคุณแล้ว
manage-save = บันทึกการเปลี่ยนแปลง
manage-check-fields = บางช่องต้องแก้ไข โปรดดูข้อความที่อยู่ถัดจากช่องนั้น

org-none = ยังไม่มีองค์กร
org-name = ชื่อ
org-slug = ชื่อย่อสำหรับที่อยู่เว็บ
org-slug-hint = ใช้ตัวอักษรภาษาอังกฤษพิมพ์เล็ก a–z ตัวเลข และขีดกลาง เช่น map-foundation หากเว้นว่างไว้ ระบบจะสร้างจากชื่อให้
org-country = ประเทศ
org-country-choose = เลือกประเทศ
org-website = เว็บไซต์
org-website-hint = ที่อยู่เว็บแบบเต็ม ขึ้นต้นด้วย https:// หรือ http://
org-profile = ข้อมูลองค์กร
org-profile-hint = คำอธิบายสั้น ๆ ในรูปแบบ Markdown ส่วน HTML จะแสดงเป็นข้อความธรรมดา
org-status = สถานะ
org-active = ใช้งานอยู่
org-inactive = ปิดใช้งานแล้ว
org-accounts = บัญชีผู้ใช้
org-new = องค์กรใหม่
org-create = สร้างองค์กร
org-details = รายละเอียด
org-public-page = หน้าสาธารณะ
org-inactive-notice = องค์กรนี้ถูกปิดใช้งาน บัญชีขององค์กรจึงเข้าสู่ระบบไม่ได้ และผู้เยี่ยมชมจะไม่เห็นทั้งหน้าและโลโก้ขององค์กร
org-deactivate = ปิดใช้งานองค์กร
org-deactivate-hint = บัญชีขององค์กรจะถูกออกจากระบบทันทีและเข้าสู่ระบบอีกไม่ได้ ผู้เยี่ยมชมจะไม่เห็นหน้าและโลโก้ขององค์กรอีกต่อไป ไม่มีข้อมูลใดถูกลบ และเปิดใช้งานอีกครั้งได้
org-reactivate = เปิดใช้งานองค์กรอีกครั้ง
org-own-intro = สำนักเลขาธิการเป็นผู้ดูแลชื่อและประเทศขององค์กรคุณ ส่วนคุณดูแลเว็บไซต์ ข้อมูลองค์กร และโลโก้
org-logo = โลโก้
org-logo-current = โลโก้ปัจจุบัน
org-logo-none = ยังไม่มีโลโก้
org-logo-hidden = โลโก้จะไม่แสดงในขณะที่องค์กรถูกปิดใช้งาน
org-logo-file = ไฟล์ภาพ
org-logo-hint = JPEG, PNG หรือ WebP ขนาดไม่เกิน 10 MB และไม่เกิน 50 ล้านพิกเซล ระบบจะเข้ารหัสภาพใหม่ จึงไม่เก็บข้อมูลแฝงในไฟล์ (เช่น ตำแหน่ง GPS) ไว้
org-logo-upload = อัปโหลดโลโก้

organization-name-required = โปรดกรอกชื่อองค์กร
organization-name-too-long = ใช้ได้ไม่เกิน 200 ตัวอักษร
organization-profile-too-long = ใช้ได้ไม่เกิน 20,000 ตัวอักษร
slug-cannot-derive = ชื่อนี้ไม่มีตัวอักษร a–z ที่จะใช้สร้างชื่อย่อได้ โปรดพิมพ์ชื่อย่อเอง เช่น map-foundation
slug-invalid = ใช้ตัวอักษรพิมพ์เล็ก a–z ตัวเลข และขีดกลางเพียงตัวเดียวระหว่างคำ ยาวไม่เกิน 80 ตัวอักษร
slug-taken = ชื่อย่อนี้มีผู้ใช้แล้ว โปรดเลือกชื่ออื่น
country-invalid = โปรดเลือกประเทศจากรายการ
website-invalid = โปรดกรอกที่อยู่เว็บแบบเต็มที่ขึ้นต้นด้วย https:// หรือ http:// เช่น https://example.org
logo-missing = โปรดเลือกไฟล์ภาพ: JPEG, PNG หรือ WebP
logo-too-large = ไฟล์นี้มีขนาดเกิน 10 MB โปรดใช้ภาพ JPEG, PNG หรือ WebP ที่มีขนาดไม่เกิน 10 MB
logo-not-an-image = ไฟล์นี้ไม่ใช่ภาพ JPEG, PNG หรือ WebP ไม่ว่าชื่อไฟล์จะระบุไว้อย่างไร ใช้ได้เฉพาะสามรูปแบบนี้เท่านั้น
logo-too-many-pixels = ภาพนี้มีขนาดเกิน 50 ล้านพิกเซล โปรดใช้ภาพ JPEG, PNG หรือ WebP ที่เล็กกว่านี้
logo-unreadable = ภาพนี้เสียหายหรือไม่สมบูรณ์ จึงอ่านไม่ได้ โปรดบันทึกภาพใหม่เป็น JPEG, PNG หรือ WebP แล้วลองอีกครั้ง

category-none = ยังไม่มีหมวดหมู่
category-name = ชื่อ
category-slug = ชื่อย่อสำหรับที่อยู่เว็บ
category-slug-hint = ใช้ตัวอักษรพิมพ์เล็ก a–z ตัวเลข และขีดกลาง หากเว้นว่างไว้ ระบบจะสร้างจากชื่อให้ เปลี่ยนภายหลังไม่ได้ เพราะลิงก์ต่าง ๆ ใช้ชื่อนี้
category-description = คำอธิบาย
category-position = ลำดับ
category-position-hint = หมวดหมู่เรียงตามลำดับจากน้อยไปมาก เว้นว่างไว้ได้ (เท่ากับ 0)
category-new = หมวดหมู่ใหม่
category-create = สร้างหมวดหมู่
category-save = บันทึกหมวดหมู่
category-name-required = โปรดกรอกชื่อหมวดหมู่
category-name-too-long = ใช้ได้ไม่เกิน 100 ตัวอักษร
category-description-too-long = ใช้ได้ไม่เกิน 1,000 ตัวอักษร
category-position-invalid = โปรดกรอกจำนวนเต็มตั้งแต่ -9999 ถึง 9999 หรือเว้นว่างไว้

page-none = ยังไม่มีหน้าเว็บ
page-field-title = ชื่อเรื่อง
page-field-body = เนื้อหา
page-body-hint = Markdown ส่วน HTML จะแสดงเป็นข้อความธรรมดา
page-address = ที่อยู่เว็บ
page-updated = แก้ไขล่าสุด
page-save = บันทึกหน้า
page-view = ดูหน้าสาธารณะ
page-preview = ตัวอย่างเนื้อหาที่บันทึกไว้
page-title-required = โปรดกรอกชื่อเรื่อง
page-title-too-long = ใช้ได้ไม่เกิน 200 ตัวอักษร
page-body-too-long = ใช้ได้ไม่เกิน 100,000 ตัวอักษร

audit-filter-action = การดำเนินการ
audit-filter-all = การดำเนินการทั้งหมด
audit-filter-submit = แสดง
audit-time = เวลา ({ $zone })
audit-account = บัญชี
audit-action = การดำเนินการ
audit-target = รายการเป้าหมาย
audit-detail = รายละเอียด
audit-client-ip = ที่อยู่ IP ของผู้ใช้
audit-none = ไม่มีเหตุการณ์
audit-count = { $count } เหตุการณ์
audit-newer = เหตุการณ์ที่ใหม่กว่า
audit-older = เหตุการณ์ที่เก่ากว่า

## Photos of an activity report
photo-none-yet = ยังไม่มีภาพถ่าย
photo-alt = คำอธิบายสำหรับผู้ที่มองไม่เห็นภาพ (ข้อความแทนภาพ)
photo-caption = คำบรรยายภาพ
photo-decorative = ภาพตกแต่ง: ภาพนี้ไม่ได้ให้ข้อมูลใดเพิ่มเติมจากเนื้อหา
photo-save = บันทึกข้อความของภาพ
photo-move-up = เลื่อนขึ้น
photo-move-down = เลื่อนลง
photo-remove = นำภาพออก
photo-files = เพิ่มภาพถ่าย
photo-files-hint = JPEG, PNG หรือ WebP แต่ละไฟล์ไม่เกิน 25 MB และ 50 ล้านพิกเซล ส่งได้ครั้งละไม่เกิน 30 ไฟล์ ระบบจะเข้ารหัสภาพใหม่ โดยลบข้อมูลตำแหน่ง (GPS) และรายละเอียดแฝงอื่น ๆ ทั้งหมดในไฟล์ออก
photo-upload = อัปโหลดภาพถ่าย
photo-upload-result = ผลการอัปโหลดภาพถ่าย
photo-upload-some-refused = บางไฟล์ไม่ได้ถูกเพิ่ม ส่วนไฟล์อื่น ๆ ถูกเพิ่มลงในรายงานแล้ว
photo-accepted = เพิ่มแล้ว
photo-refused = ไม่ได้เพิ่ม
photo-back-to-report = กลับไปที่รายงาน
photo-empty = ไฟล์นี้ว่างเปล่า โปรดเลือกภาพถ่าย JPEG, PNG หรือ WebP
photo-too-large = ไฟล์นี้มีขนาดเกิน 25 MB โปรดใช้ภาพถ่าย JPEG, PNG หรือ WebP ที่มีขนาดไม่เกิน 25 MB
photo-not-an-image = ไฟล์นี้ไม่ใช่ภาพ JPEG, PNG หรือ WebP ไม่ว่าชื่อไฟล์จะระบุไว้อย่างไร (ใช้ HEIC, GIF, SVG และเอกสารไม่ได้) โปรดบันทึกเป็น JPEG, PNG หรือ WebP แล้วลองอีกครั้ง
photo-too-many-pixels = ภาพนี้มีขนาดเกิน 50 ล้านพิกเซล โปรดใช้ภาพถ่าย JPEG, PNG หรือ WebP ที่เล็กกว่านี้
photo-unreadable = ภาพนี้เสียหายหรือไม่สมบูรณ์ จึงอ่านไม่ได้ โปรดบันทึกภาพใหม่เป็น JPEG, PNG หรือ WebP แล้วลองอีกครั้ง
photo-none-chosen = โปรดเลือกภาพถ่ายอย่างน้อยหนึ่งภาพ: JPEG, PNG หรือ WebP
photo-upload-broken = การอัปโหลดขาดตอน ได้รับไฟล์ที่แสดงไว้แล้ว โปรดส่งไฟล์ที่เหลืออีกครั้ง
photo-too-many-files = ส่งภาพถ่ายได้ครั้งละไม่เกิน 30 ภาพ ได้รับไฟล์ที่แสดงไว้แล้ว โปรดส่งไฟล์ที่เหลือแยกต่างหาก
photo-request-too-large = ส่งได้ครั้งละไม่เกิน 250 MB ได้รับไฟล์ที่แสดงไว้แล้ว โปรดส่งไฟล์ที่เหลือแยกต่างหาก
photo-not-editable = แก้ไขภาพถ่ายได้เฉพาะเมื่อรายงานเป็นฉบับร่างหรือมีคำขอให้แก้ไขเท่านั้น
photo-alt-too-long = คำอธิบายยาวเกิน 500 ตัวอักษร โปรดย่อให้สั้นลง ส่วนคำบรรยายภาพให้รายละเอียดเพิ่มเติมได้
photo-caption-too-long = คำบรรยายภาพยาวเกิน 2000 ตัวอักษร
photo-decorative-invalid = เครื่องหมายภาพตกแต่งทำได้เพียงเลือกหรือไม่เลือกเท่านั้น
photo-direction-invalid = ภาพเลื่อนได้เฉพาะขึ้นหรือลงเท่านั้น

# Documents attached to a report (PDF and office files).
attachments-title = เอกสาร
attachments-manage = เอกสารของรายงานนี้
attachments-count = { $count ->
    [0] ยังไม่มีเอกสาร
   *[other] เอกสาร { $count } ฉบับ
}
attachment-back-to-report = กลับไปที่รายงาน
attachment-none-yet = ยังไม่มีเอกสาร
attachment-title = ชื่อเรื่อง
attachment-language = ภาษาของเอกสาร
attachment-save = บันทึกรายละเอียดเอกสาร
attachment-remove = นำเอกสารออก
attachment-files = เพิ่มเอกสาร
attachment-files-hint = PDF, Word (docx), Excel (xlsx), PowerPoint (pptx) หรือ OpenDocument (odt, ods) แต่ละไฟล์ไม่เกิน 40 MB ส่งได้ครั้งละไม่เกิน 30 ไฟล์ ระบบจะตรวจสอบแต่ละไฟล์จากเนื้อหาภายใน และไม่รับเอกสารที่มีแมโคร
attachment-upload = อัปโหลดเอกสาร
attachment-upload-some-refused = บางไฟล์ไม่ได้ถูกเพิ่ม ส่วนไฟล์อื่น ๆ ถูกเพิ่มลงในรายงานแล้ว
attachment-upload-not-read = ภาษาที่ระบุไม่ถูกต้อง จึงยังไม่ได้อ่านไฟล์ใดเลย โปรดแก้ไขแล้วส่งไฟล์อีกครั้ง
attachment-not-editable = แก้ไขเอกสารได้เฉพาะเมื่อรายงานเป็นฉบับร่างหรือมีคำขอให้แก้ไขเท่านั้น
attachment-empty = ไฟล์นี้ว่างเปล่า โปรดเลือกไฟล์ PDF หรือเอกสารสำนักงาน
attachment-too-large = ไฟล์นี้มีขนาดเกิน 40 MB โปรดลดขนาดไฟล์ (สำหรับ PDF ให้บันทึกโดยบีบอัดภาพ) หรือแบ่งเป็นหลายไฟล์
attachment-not-a-document = ไฟล์นี้ไม่ใช่เอกสาร PDF, docx, xlsx, pptx, odt หรือ ods ไม่ว่าชื่อไฟล์จะระบุไว้อย่างไร (ใช้เอกสารที่มีแมโครและไฟล์ประเภทอื่นไม่ได้) โปรดบันทึกเป็น PDF หรือรูปแบบใดรูปแบบหนึ่งข้างต้นแล้วลองอีกครั้ง
attachment-unreadable = เอกสารนี้เสียหายหรือไม่สมบูรณ์ จึงอ่านไม่ได้ โปรดบันทึกใหม่แล้วลองอีกครั้ง
attachment-none-chosen = โปรดเลือกเอกสารอย่างน้อยหนึ่งไฟล์: PDF, docx, xlsx, pptx, odt หรือ ods
attachment-upload-broken = การอัปโหลดขาดตอน ได้รับไฟล์ที่แสดงไว้แล้ว โปรดส่งไฟล์ที่เหลืออีกครั้ง
attachment-too-many-files = ส่งเอกสารได้ครั้งละไม่เกิน 30 ไฟล์ ได้รับไฟล์ที่แสดงไว้แล้ว โปรดส่งไฟล์ที่เหลือแยกต่างหาก
attachment-request-too-large = ส่งได้ครั้งละไม่เกิน 250 MB ได้รับไฟล์ที่แสดงไว้แล้ว โปรดส่งไฟล์ที่เหลือแยกต่างหาก
attachment-title-missing = โปรดตั้งชื่อเรื่องให้เอกสาร
attachment-title-too-long = ชื่อเรื่องยาวเกิน 300 ตัวอักษร
attachment-language-invalid = โปรดระบุภาษาเป็นรหัส เช่น en, th หรือ my

# Taking a photo down everywhere (secretariat).
photo-purge = นำภาพนี้ออกจากทุกที่
photo-purge-hint = นำภาพนี้ออกจากทุกรายงาน (รวมถึงรายงานที่เผยแพร่แล้ว) และจากโลโก้ทุกรายการที่ใช้ภาพนี้ พร้อมลบไฟล์ของภาพ การดำเนินการนี้ย้อนกลับไม่ได้และจะถูกบันทึกไว้ในบันทึกการตรวจสอบ

# Uploading several photos with progress (JavaScript).
photo-upload-waiting = รอส่ง
photo-upload-sending = กำลังส่ง
photo-upload-done = เพิ่มแล้ว
photo-upload-failed = ไม่ได้เพิ่ม
photo-upload-retry = ลองอีกครั้ง

## Translations of an activity (src/routes/admin/translations.rs)
translations-title = ฉบับแปล
translations-manage = เชื่อมโยงรายงานนี้กับฉบับแปล
translations-intro = รายงานและฉบับแปลจะมีลิงก์ถึงกันบนหน้าเว็บสาธารณะ ("ฉบับภาษาอื่น: English · မြန်မာ") ฉบับแปลที่ไม่มีภาพถ่ายหรือเอกสารของตนเองจะแสดงภาพถ่ายและเอกสารของต้นฉบับ จึงไม่ต้องอัปโหลดซ้ำ
translations-none = รายงานนี้ยังไม่ได้เชื่อมโยงกับฉบับแปลใด
translations-set-heading = รายงานนี้และฉบับแปล
translations-original = ต้นฉบับ
translations-this = รายงานนี้
translations-not-published = ยังไม่เผยแพร่
translations-link-heading = เชื่อมโยงกับต้นฉบับ
translations-original-field = รายงานต้นฉบับที่รายงานนี้แปลมา
translations-original-hint = ที่อยู่เว็บสาธารณะของรายงานนั้น (เช่น https://…/activities/…) ที่อยู่สำหรับแก้ไข หรือชื่อย่อ เลือกได้เฉพาะรายงานขององค์กรคุณ ส่วนสำนักเลขาธิการเชื่อมโยงรายงานใดก็ได้
translations-link = เชื่อมโยงเป็นฉบับแปล
translations-leave = นำรายงานนี้ออกจากชุดฉบับแปล
translations-leave-hint = รายงานอื่น ๆ ในชุดยังคงเชื่อมโยงกันอยู่
translations-original-required = โปรดกรอกที่อยู่ของรายงานต้นฉบับที่รายงานนี้แปลมา
translations-original-not-found = ไม่พบรายงานที่ที่อยู่นี้ในบรรดารายงานที่คุณแก้ไขได้ โปรดคัดลอกที่อยู่จากหน้าของรายงานนั้นแล้วลองอีกครั้ง
translations-already-linked = รายงานเหล่านี้เชื่อมโยงเป็นฉบับแปลของกันและกันอยู่แล้ว
translations-language-taken = หากรวมสองชุดนี้เข้าด้วยกัน จะมีรายงานสองฉบับในภาษาเดียวกัน แต่ละภาษามีได้เพียงฉบับเดียว โปรดนำฉบับใดฉบับหนึ่งออกจากชุดของตนก่อน

## Zawgyi (src/zawgyi/, the activity form)
zawgyi-warning = ข้อความภาษาพม่าบางส่วนดูเหมือนพิมพ์ด้วยการเข้ารหัส Zawgyi ไม่ใช่ Unicode ผู้อ่านที่โทรศัพท์ใช้ฟอนต์ Unicode จะเห็นข้อความผิดเพี้ยน และระบบค้นหาจะหาข้อความนั้นไม่พบ ขณะนี้ยังไม่มีการบันทึกข้อมูลใด ๆ ช่องที่เกี่ยวข้อง:
zawgyi-go-to-choice = แปลงเป็น Unicode หรือเก็บไว้ตามที่พิมพ์
zawgyi-field-warning = ข้อความนี้ดูเหมือนภาษาพม่าที่พิมพ์ด้วย Zawgyi ซึ่งจะอ่านไม่ออกเมื่อแสดงด้วยฟอนต์ Unicode
zawgyi-choice-legend = ภาษาพม่าที่พิมพ์ด้วย Zawgyi
zawgyi-choice-hint = “แปลงเป็น Unicode” จะแปลงข้อความที่ทำเครื่องหมายไว้และแสดงให้คุณตรวจสอบอีกครั้ง ระบบจะยังไม่บันทึกจนกว่าคุณจะกด “บันทึก” ส่วน “เก็บไว้ตามที่พิมพ์และบันทึก” จะบันทึกข้อความตามเดิมทุกประการ โปรดเลือกตัวเลือกนี้หากข้อความไม่ได้พิมพ์ด้วย Zawgyi
zawgyi-convert = แปลงเป็น Unicode
zawgyi-keep = เก็บไว้ตามที่พิมพ์และบันทึก
zawgyi-converted = ข้อความที่ทำเครื่องหมายไว้ถูกแปลงจาก Zawgyi เป็น Unicode แล้ว โปรดตรวจสอบว่าอ่านได้ถูกต้อง แล้วกด “บันทึก” ขณะนี้ยังไม่มีการบันทึกข้อมูลใด ๆ ช่องที่แปลงแล้ว:
zawgyi-field-converted = แปลงจาก Zawgyi เป็น Unicode แล้ว โปรดตรวจสอบก่อนบันทึก
