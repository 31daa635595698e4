# Thai messages of search, feeds and sharing: the same ids as locales/en/search.ftl.

search-title = ค้นหา
search-title-for = ค้นหา: { $query }
search-heading = ค้นหากิจกรรมของเครือข่าย
search-label = คำค้น
search-button = ค้นหา
search-hint = ค้นหาคำได้ทุกภาษาในภูมิภาค โดยไม่แยกตัวพิมพ์ใหญ่-เล็กและเครื่องหมายกำกับเสียง ใส่ "เครื่องหมายคำพูด" เพื่อค้นหาทั้งวลี ใส่ -คำ เพื่อตัดผลที่กล่าวถึงคำนั้นออก หรือใช้ OR เพื่อค้นหาคำใดคำหนึ่งจากสองคำ
search-filter-category = หมวดหมู่
search-filter-organization = องค์กร
search-filter-language = ภาษา
search-filter-year = ปี
search-any-category = ทุกหมวดหมู่
search-any-organization = ทุกองค์กร
search-any-language = ทุกภาษา
search-any-year = ทุกปี
search-found = พบ { $count } กิจกรรม
search-nothing-found = ไม่พบผลลัพธ์ ลองใช้คำอื่นหรือใช้คำให้น้อยลง หรือลดตัวกรองลง
search-too-short = โปรดพิมพ์อย่างน้อยหนึ่งคำที่ยาวตั้งแต่สองตัวอักษรขึ้นไป
search-ignored = คำที่สั้นเกินกว่าจะค้นหาได้จึงถูกข้ามไป: { $terms }
search-found-more-than = พบกิจกรรมมากกว่า { $count } รายการ
search-capped = แสดงผลที่ตรงที่สุดจาก { $count } รายการที่เพิ่มเข้ามาล่าสุด โปรดเพิ่มคำหรือตัวกรองเพื่อจำกัดการค้นหาให้แคบลง
search-pages-label = หน้าผลการค้นหา
search-previous-results = ผลการค้นหาก่อนหน้า
search-more-results = ผลการค้นหาเพิ่มเติม

feed-site-link = กิจกรรมล่าสุด (ฟีด Atom)
feed-category-link = { $name }: กิจกรรมล่าสุด (ฟีด Atom)
feed-organization-link = กิจกรรมของ { $name } (ฟีด Atom)
feed-site-title = { $site }: กิจกรรมล่าสุด
feed-category-title = { $site }: { $name }
feed-organization-title = { $site }: กิจกรรมของ { $name }
