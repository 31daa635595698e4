# English messages of the accounts and admin area (login, sessions, management pages).

error-csrf-origin = This form was sent from another website, so it was refused and nothing was changed. If you sent it yourself, open the portal's page again and retry.
error-csrf-token = This form has expired or was not sent from the portal, so nothing was changed. Go back, reload the page and try again.
error-secretariat-only = Only the secretariat can open this page.
password-too-short = Use at least 12 characters.
password-too-weak = This password is too easy to guess. Try a few unrelated words with a number, for example.
password-current-wrong = This is not your current password.
account-email-invalid = Enter an email address like name@example.org.
account-email-taken = An account with this email already exists.
account-organization-required = A member account belongs to an organization: choose one.
account-organization-unknown = There is no organization with this name.

login-title = Log in
login-intro = For member organizations and the secretariat.
login-email = Email
login-password = Password
login-submit = Log in
login-invalid = The email or password is not right.
login-throttled = Too many failed attempts. For your account's safety, logging in is paused for 15 minutes.
logout = Log out

admin-nav-label = Administration
admin-dashboard = Dashboard
admin-organizations = Organizations
admin-users = Accounts
admin-categories = Categories
admin-pages = Pages
admin-audit = Audit log
admin-my-organization = My organization
admin-account = My account
admin-welcome = You are logged in as { $email }.

account-title = My account
account-one-time = You logged in with a one-time password. Choose your own password before going on.
account-current-password = Current password
account-new-password = New password
account-password-hint = At least 12 characters and hard to guess: a few unrelated words work well.
account-change = Change password
account-password-changed = Your password has been changed.

account-email = Email
account-name = Name
account-role = Role
account-organization = Organization
account-status = Status
account-actions = Actions
account-active = Active
account-inactive = Deactivated
account-reset = Reset password
account-deactivate = Deactivate
account-reactivate = Reactivate
account-new = New account
account-create = Create account
account-role-invalid = Choose member or secretariat.
account-cannot-deactivate-self = You cannot deactivate your own account.
role-member = Member organization
role-secretariat = Secretariat
credentials-title = One-time password
credentials-once = Give this password to the account's owner by a safe channel. It is shown only now, and must be changed at the first login.
credentials-password = One-time password

activities-title = Activities
moderation-title = Moderation queue
activity-new = New activity
activity-edit = Edit activity
activity-state = State
activity-title = Title
activity-summary = Summary
activity-body = Report (Markdown)
activity-body-hint = Markdown: ## for a heading, * for a list, 1. for numbered recommendations, [text](https://…) for a link. HTML is shown as typed.
activity-event-start = First day of the event
activity-event-end = Last day (if more than one)
activity-location = Place(s), one per line
activity-language = Language of the report
activity-language-hint = A language tag: en, my, th, km, lo, vi, zh…
activity-links-hint = One link per line: the address, a space, then its title.
activity-save = Save
activity-live = public
activity-preview = Preview
activity-preview-note = This is how the report will read once published.
activity-actions = Review and publication
activity-consent = The people in these photos agreed to their publication.
activity-publish-at = Publish at (site time; leave empty to publish now)
activity-comment = What should change?
activity-reason = Reason for rejecting
activity-timeline = History
activity-submitted-at = Submitted
activity-updated-at = Last change
activity-form-has-errors = Please check the form:
filter-any = Any
filter-apply = Filter
state-draft = Draft
state-submitted = Submitted
state-changes_requested = Changes requested
state-rejected = Rejected
state-scheduled = Scheduled
state-published = Published
state-unpublished = Unpublished
state-superseded = Replaced by a newer version
action-submit = Submit for review
action-withdraw = Withdraw
action-delete = Delete draft
action-approve = Approve
action-request-changes = Ask for changes
action-reject = Reject
action-reopen = Reopen as draft
action-unpublish = Unpublish
action-republish = Publish again
activity-title-required = A title is needed, even for a draft.
activity-title-too-long = The title is too long (300 characters at most).
activity-summary-too-long = The summary is too long (2,000 characters at most).
activity-body-too-long = The report is too long.
activity-location-too-long = The place is too long.
activity-date-invalid = Use a date like 2016-12-18.
activity-end-before-start = The last day cannot be before the first.
activity-language-invalid = Use a language tag such as en, my or th.
activity-links-invalid = Each line needs an address starting with https:// or http://, then a title.
activity-category-unknown = Choose categories from the list.
activity-partner-unknown = Choose partners from the list.
activity-organization-required = Choose the organization this report is for.
activity-organization-unknown = There is no such organization.
activity-summary-required = A summary is needed before submitting.
activity-body-required = The report is needed before submitting.
activity-categories-required = Choose at least one category before submitting.
activity-event-start-required = The date of the event is needed before submitting.
activity-photos-need-alt = Every photo needs a description (alt text) or the mark "decorative" before submitting.
activity-consent-required = Please confirm that the people in the photos agreed to their publication.
activity-comment-required = Say what should change.
activity-reason-required = Give a reason for rejecting.
activity-publish-at-invalid = Use a date and time like 2026-12-18T09:00.
activity-stale-revision = This activity changed since you opened the page (someone else acted on it). Reload it to see the current version; nothing was changed.
activity-not-editable = This version is under review or rejected and cannot be edited now: withdraw or reopen it first.
activity-action-wrong-state = This action is not possible in the activity's present state. Reload the page to see where it stands.
activity-action-not-allowed = Your account cannot do this.
dashboard-waiting-review = { $count ->
    [0] No submission waits for review
    [one] One submission waits for review
   *[other] { $count } submissions wait for review
}
dashboard-changes-requested = { $count ->
    [0] No report has changes requested
    [one] One report has changes requested
   *[other] { $count } reports have changes requested
}
dashboard-drafts = { $count ->
    [one] One draft
   *[other] { $count } drafts
}
admin-moderation = Moderation queue
admin-activities = Activities
activity-changes = Changes against the published version
history-title = Moderation history
history-action = Action
history-time = Time
history-by = By
history-scheduler = the scheduler
