# English messages of the secretariat's management pages (organizations, categories, pages,
# audit log) and of a member's own organization page.

manage-saved = Your changes have been saved.
manage-save = Save changes
manage-check-fields = Some fields need attention: see the messages next to them.

org-none = No organizations yet.
org-name = Name
org-slug = Short name for web addresses
org-slug-hint = Lowercase letters a–z, digits and hyphens, for example map-foundation. Left empty, it is made from the name.
org-country = Country
org-country-choose = Choose a country
org-website = Website
org-website-hint = The full address, starting with https:// or http://.
org-profile = Profile
org-profile-hint = A short description, in Markdown. HTML is shown as text.
org-status = Status
org-active = Active
org-inactive = Deactivated
org-accounts = Accounts
org-new = New organization
org-create = Create organization
org-details = Details
org-public-page = Public page
org-inactive-notice = This organization is deactivated: its accounts cannot log in, and visitors see neither its page nor its logo.
org-deactivate = Deactivate organization
org-deactivate-hint = Its accounts are logged out at once and cannot log in again; visitors no longer see its page and logo. Nothing is deleted, and it can be reactivated.
org-reactivate = Reactivate organization
org-own-intro = The secretariat keeps your organization's name and country. You keep its website, profile and logo.
org-logo = Logo
org-logo-current = Current logo
org-logo-none = No logo yet.
org-logo-hidden = The logo is not shown while the organization is deactivated.
org-logo-file = Image file
org-logo-hint = JPEG, PNG or WebP, at most 10 MB and 50 megapixels. It is re-encoded, so no hidden data in the file (such as a GPS position) is kept.
org-logo-upload = Upload logo

organization-name-required = Enter the organization's name.
organization-name-too-long = Use at most 200 characters.
organization-profile-too-long = Use at most 20,000 characters.
slug-cannot-derive = The name has no letters a–z to make a short name from: type one, for example map-foundation.
slug-invalid = Use lowercase letters a–z, digits, and single hyphens between words; at most 80 characters.
slug-taken = This short name is already in use: choose another.
country-invalid = Choose a country from the list.
website-invalid = Enter a full web address starting with https:// or http://, for example https://example.org.
logo-missing = Choose an image file: JPEG, PNG or WebP.
logo-too-large = This file is larger than 10 MB. Use a JPEG, PNG or WebP image of at most 10 MB.
logo-not-an-image = This file is not a JPEG, PNG or WebP image, whatever its name says. Only these three formats work.
logo-too-many-pixels = This image has more than 50 megapixels. Use a smaller JPEG, PNG or WebP image.
logo-unreadable = This image is damaged or incomplete and could not be read. Save it again as JPEG, PNG or WebP and retry.

category-none = No categories yet.
category-name = Name
category-slug = Short name for web addresses
category-slug-hint = Lowercase letters a–z, digits and hyphens. Left empty, it is made from the name. It cannot be changed later, because links use it.
category-description = Description
category-position = Position
category-position-hint = Categories are listed by position, lowest first; a position may be left empty (0).
category-new = New category
category-create = Create category
category-save = Save category
category-name-required = Enter the category's name.
category-name-too-long = Use at most 100 characters.
category-description-too-long = Use at most 1,000 characters.
category-position-invalid = Enter a whole number from -9999 to 9999, or leave it empty.

page-none = No pages yet.
page-field-title = Title
page-field-body = Text
page-body-hint = Markdown. HTML is shown as text.
page-address = Address
page-updated = Last changed
page-save = Save page
page-view = View the public page
page-preview = Preview of the saved text
page-title-required = Enter a title.
page-title-too-long = Use at most 200 characters.
page-body-too-long = Use at most 100,000 characters.

audit-filter-action = Action
audit-filter-all = All actions
audit-filter-submit = Show
audit-time = Time ({ $zone })
audit-account = Account
audit-action = Action
audit-target = Target
audit-detail = Detail
audit-client-ip = Client IP address
audit-none = No events.
audit-count = { $count ->
    [one] { $count } event
   *[other] { $count } events
}
audit-newer = Newer events
audit-older = Older events

## Photos of an activity report
photo-none-yet = No photos yet.
photo-alt = Description for people who cannot see the photo (alt text)
photo-caption = Caption
photo-decorative = Decorative: the photo adds nothing the text does not say
photo-save = Save photo text
photo-move-up = Move up
photo-move-down = Move down
photo-remove = Remove photo
photo-files = Add photos
photo-files-hint = JPEG, PNG or WebP, at most 25 MB and 50 megapixels each, up to 30 files at once. Photos are re-encoded: location data (GPS) is removed from photos, with every other hidden detail of the file.
photo-upload = Upload photos
photo-upload-result = Photo upload
photo-upload-some-refused = Some files were not added. The others were added to the report.
photo-accepted = added
photo-refused = not added
photo-back-to-report = Back to the report
photo-empty = This file is empty. Choose a JPEG, PNG or WebP photo.
photo-too-large = This file is larger than 25 MB. Use a JPEG, PNG or WebP photo of at most 25 MB.
photo-not-an-image = This file is not a JPEG, PNG or WebP image, whatever its name says (HEIC, GIF, SVG and documents do not work). Save it as JPEG, PNG or WebP and retry.
photo-too-many-pixels = This image has more than 50 megapixels. Use a smaller JPEG, PNG or WebP photo.
photo-unreadable = This image is damaged or incomplete and could not be read. Save it again as JPEG, PNG or WebP and retry.
photo-none-chosen = Choose one or more photos: JPEG, PNG or WebP.
photo-upload-broken = The upload broke off. The files listed were received; send the others again.
photo-too-many-files = At most 30 photos can be sent at once. The files listed were received; send the others separately.
photo-request-too-large = At most 250 MB can be sent at once. The files listed were received; send the others separately.
photo-not-editable = Photos can be changed only while the report is a draft or has changes requested.
photo-alt-too-long = The description is longer than 500 characters. Shorten it; the caption can say more.
photo-caption-too-long = The caption is longer than 2000 characters.
photo-decorative-invalid = The decorative mark can only be set or unset.
photo-direction-invalid = A photo moves up or down.

# Documents attached to a report (PDF and office files).
attachments-title = Documents
attachments-manage = Documents of this report
attachments-count = { $count ->
    [0] No documents yet.
    [one] One document.
   *[other] { $count } documents.
}
attachment-back-to-report = Back to the report
attachment-none-yet = No documents yet.
attachment-title = Title
attachment-language = Language of the document
attachment-save = Save document details
attachment-remove = Remove document
attachment-files = Add documents
attachment-files-hint = PDF, Word (docx), Excel (xlsx), PowerPoint (pptx) or OpenDocument (odt, ods), at most 40 MB each, up to 30 files at once. Each is checked by its content; documents with macros are not accepted.
attachment-upload = Upload documents
attachment-upload-some-refused = Some files were not added. The others were added to the report.
attachment-upload-not-read = The language is not valid, so no file was read. Correct it and send the files again.
attachment-not-editable = Documents can be changed only while the report is a draft or has changes requested.
attachment-empty = This file is empty. Choose a PDF or an office document.
attachment-too-large = This file is larger than 40 MB. Make it smaller (for a PDF, save it with images compressed) or split it.
attachment-not-a-document = This file is not a PDF, docx, xlsx, pptx, odt or ods document, whatever its name says (documents with macros and other files do not work). Save it as PDF or one of these formats and retry.
attachment-unreadable = This document is damaged or incomplete and could not be read. Save it again and retry.
attachment-none-chosen = Choose one or more documents: PDF, docx, xlsx, pptx, odt or ods.
attachment-upload-broken = The upload broke off. The files listed were received; send the others again.
attachment-too-many-files = At most 30 documents can be sent at once. The files listed were received; send the others separately.
attachment-request-too-large = At most 250 MB can be sent at once. The files listed were received; send the others separately.
attachment-title-missing = Give the document a title.
attachment-title-too-long = The title is longer than 300 characters.
attachment-language-invalid = Write the language as a code such as en, th or my.

# Taking a photo down everywhere (secretariat).
photo-purge = Remove this photo everywhere
photo-purge-hint = Takes the photo off every report (published ones too) and every logo that uses it, and deletes its files. This cannot be undone and is recorded in the audit log.

# Uploading several photos with progress (JavaScript).
photo-upload-waiting = waiting
photo-upload-sending = sending
photo-upload-done = added
photo-upload-failed = not added
photo-upload-retry = Retry

## Translations of an activity (src/routes/admin/translations.rs)
translations-title = Translations
translations-manage = Link this report to its translations
translations-intro = A report and its translations link to each other on the public site ("Also in: ไทย · English"). A translation without photos or documents of its own shows those of the original, so they are not uploaded twice.
translations-none = This report is not linked to any translation yet.
translations-set-heading = This report and its translations
translations-original = original
translations-this = this report
translations-not-published = not published yet
translations-link-heading = Link to an original
translations-original-field = The report this one translates
translations-original-hint = Its public address (for example https://…/activities/…), its editing address, or its short name. Your organization's reports only; the secretariat can link any.
translations-link = Link as a translation
translations-leave = Remove this report from the set
translations-leave-hint = The other reports stay linked to each other.
translations-original-required = Enter the address of the report this one translates.
translations-original-not-found = No report was found at this address among those you can edit. Copy the address from the report's page and try again.
translations-already-linked = These reports are already linked as translations of each other.
translations-language-taken = The two sets would have two reports in the same language. Each language can appear once: remove one from its set first.

## Zawgyi (src/zawgyi/, the activity form)
zawgyi-warning = Some Burmese text looks like it was typed in the Zawgyi encoding, not in Unicode. Readers whose phones use Unicode fonts would see it garbled, and search would not find it. Nothing has been saved yet. Fields concerned:
zawgyi-go-to-choice = Convert it to Unicode, or keep it as typed
zawgyi-field-warning = This looks like Burmese typed in Zawgyi: it will read as nonsense with Unicode fonts.
zawgyi-choice-legend = Burmese typed in Zawgyi
zawgyi-choice-hint = “Convert to Unicode” converts the marked text and shows it to you again to check; nothing is saved until you press Save. “Keep as typed” saves the text exactly as it is: choose it if the text is not Zawgyi.
zawgyi-convert = Convert to Unicode
zawgyi-keep = Keep as typed and save
zawgyi-converted = The marked text was converted from Zawgyi to Unicode. Check that it reads correctly, then press Save: nothing has been saved yet. Fields converted:
zawgyi-field-converted = Converted from Zawgyi to Unicode: check it before saving.
