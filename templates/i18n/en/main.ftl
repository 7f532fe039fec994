# atelier — English catalogue.

switch-language = Français
back-home = Back to the home page

## Home and participants
home-title = Join a workshop
home-code-label = Join code
home-join = Join
home-hint = The six-character code is shown on the projector.
speakers-count = { $count ->
    [one] Speaker
   *[other] The { $count } speakers
}
yours = What you sent
activity-closed = Closed: this activity takes no answers for now.
nothing-yet = Nothing yet.

keywords-title = Keywords
keywords-hint = { $count ->
    [one] One more keyword: one to three words that characterise what you heard.
   *[other] Up to { $count } keywords: one to three words that characterise what you heard.
}
keywords-all-sent = { $count ->
    [one] You sent your keyword. Thank you!
   *[other] You sent your { $count } keywords. Thank you!
}
keyword-label = Keyword { $index }
keywords-send = Send my keywords

findings-title = Findings
finding-category = Category
finding-text = Your finding
finding-send = Send my finding

vote-title = Recommendations
vote-hint = Spread up to { $budget } dots, at most { $cap } on one recommendation.
vote-dots = Dots
vote-send = Vote
vote-replace = Replace my vote
vote-no-recommendations = No recommendation to prioritise yet.

sent-keywords = { $count ->
    [one] { $count } keyword received
   *[other] { $count } keywords received
}
sent-finding = Finding received
sent-ballot = { $count ->
    [one] Vote received: { $count } dot placed
   *[other] Vote received: { $count } dots placed
}
sent-repeated = Already received: nothing was counted twice.

## Refusals (shown beside the field)
error-keyword-blank = Write at least one keyword.
error-keyword-too-long = A keyword is at most { $max } characters.
error-control-character = This text holds a character that is not allowed.
error-too-many-keywords = { $already ->
    [0] You may send at most { $limit } keywords.
   *[other] You may send at most { $limit } keywords, and you already sent { $already }.
}
error-keyword-already-sent = You already sent “{ $keyword }”.
error-finding-blank = Write your finding.
error-finding-too-long = A finding is at most { $max } characters.
error-category-unknown = Choose a category.
error-too-many-findings = You already sent { $limit } findings: that is the most.
error-dots-not-number = Give a whole number of dots.
error-dots-negative = The number of dots cannot be negative.
error-dots-over-cap = At most { $cap } dots on one recommendation.
error-dots-over-budget = You placed { $total } dots, and you have { $budget }.
error-ballot-empty = Place at least one dot.
error-activity-closed = This activity is closed: what you sent was not recorded.
error-code-invalid = A join code is 4 to 12 letters or digits.

## Error pages
error-unknown-workshop-title = Workshop not found
error-unknown-workshop-body = No workshop has the code “{ $code }”. Check the code on the projector.
error-cross-site-title = Submission refused
error-cross-site-body = This form does not come from this application: it was not recorded.
error-malformed-title = Unreadable form
error-malformed-body = The form arrived incomplete or damaged: nothing was recorded. Reload the page and try again.
error-foreign-host-title = Unknown address
error-foreign-host-body = This server does not answer at this address. Use { $url }.
error-busy-title = Too many screens open
error-busy-body = This server already streams as many projector screens as it can. Close a projector tab you do not need; the page will retry by itself in a few seconds.
error-exports-busy-title = Export waiting
error-exports-busy-body = Other files are being prepared on this server. Try again in a minute: nothing is lost.
error-too-many-attempts-title = Too many attempts
error-too-many-attempts-body = Too many wrong passwords from this address. Try again in { $seconds } seconds.
error-not-local-title = Creating workshops is for the organiser
error-not-local-body = Without an admin password, workshops can be created only from the machine that runs atelier. Start it with ATELIER_ADMIN_PASSWORD to create workshops from another device.
error-server-title = Something went wrong
error-server-body = What you sent could not be processed. Try again in a moment.
error-unknown-phone = Reload the page to take part: this phone was not recognised, nothing was counted.
error-workshop-full = This workshop is full: { $capacity } phones already take part. Please ask the facilitator.
error-workshop-full-title = Workshop full
error-refused-title = Request refused
error-not-found-title = Page not found
error-not-found-body = This address leads to no page.

## Facilitator, rapporteur
dashboard-title = Facilitator's dashboard
dashboard-participation = Participation
count-participants = Phones taking part
count-keywords = Keywords received
count-findings = Findings received
count-voters = Voters
dashboard-links = Links
link-join-code = Join code
link-participant = Participants' page
link-projector = Projector
link-facilitator = Dashboard (facilitation, report)
link-facilitator-keep = Keep this link to yourself: it opens the facilitation and the exports.
dashboard-report = Report and exports
summary-title = Detailed tally
summary-participation = { $participants ->
    [one] { $participants } phone
   *[other] { $participants } phones
}, { $keywords ->
    [one] { $keywords } keyword
   *[other] { $keywords } keywords
}, { $findings ->
    [one] { $findings } finding
   *[other] { $findings } findings
}, { $voters ->
    [one] { $voters } voter
   *[other] { $voters } voters
}.
export-keywords = keywords and number of participants
export-findings = every finding with its time
export-votes = ranking of the recommendations
col-keyword = Keyword
col-count = Count
col-rank = Rank
col-recommendation = Recommendation
col-dots = Dots
col-voters = Voters
screen-join = To take part:

## Creating a workshop
new-title = Prepare a workshop
new-has-errors = Some fields need correcting: nothing was created.
new-password = Administration password
new-create = Create the workshop
field-event-title = Meeting (optional)
field-title = Workshop title
field-description = Description
field-question = Question put to the room
field-facilitator = Facilitator
field-rapporteur = Rapporteur
field-speakers = Speakers
field-speakers-hint = One per line: name | topic
field-categories = Finding categories
field-categories-hint = One per line. Empty: Observation, Difficulty, Lever.
field-recommendations = Recommendations to prioritise
field-recommendations-hint = One per line, in ballot order.
field-language = Language (fr or en)
field-time-zone = Time zone
field-join-code = Join code (optional)
field-join-code-hint = 4 to 12 letters or digits; empty: a random code is drawn.
field-keywords-per-participant = Keywords per participant
field-dots-per-participant = Dots per participant
field-max-dots-per-recommendation = Most dots on one recommendation
field-max-participants = Capacity (phones)
field-max-participants-hint = The room's size; past it, a new phone reads "workshop full".
error-required = This field is required.
error-too-long = At most { $max } characters.
error-out-of-range = A whole number from { $min } to { $max }.
error-language = Unknown language: fr or en.
error-time-zone = Unknown time zone (for example Europe/Paris).
error-join-code = 4 to 12 letters or digits, no accents.
error-join-code-taken = The code “{ $code }” is already used by another workshop.
error-too-many-workshops = An event holds at most { $max } workshops.
error-join-code-duplicate = Two workshops of the file have this join code.
error-event-code-taken = The code “{ $code }” is already used by another event.
error-join-code-other-shard = The code “{ $code }” cannot be used here: this server is shard { $shard }, whose codes start with one of these characters: { $characters }. Choose a code that starts that way, or leave the code empty to get a random one.
error-slug = Invalid category identifier: lower-case letters without accents, digits and dashes.
error-slug-duplicate = Two categories have the same name.
error-password = Wrong password.

## Command line
cli-serving = atelier is serving on { $url }
cli-lan-addresses = This machine's addresses on the network (the one above is used in links; --base-url picks another):
cli-demo = Demo workshop “{ $title }”:
cli-participant = Participants:
cli-projector = Projector:
cli-facilitator = Facilitator:
cli-file-error = { $file }, line { $line }, key { $key }: { $message }
cli-file-error-no-line = { $file }: { $message }
cli-read-error = Cannot read { $file }: { $message }

## Keyword corrections
keywords-manage-hint = Keywords are grouped in spite of accents, capitals, plural, gender and hyphens. Correct what remains here: every correction can be undone.
col-variants = Spellings received
col-actions = Corrections
hidden = hidden
action-split = Split
action-rename = Rename
action-merge-into = Merge into
action-merge-label = Label (optional)
action-merge = Merge
action-hide = Hide
action-show = Show
action-undo = Undo
corrections-title = Corrections in force
correction-merge = “{ $from }” merged into “{ $into }”
correction-split = “{ $spelling }” split from its group
correction-label = “{ $group }” renamed “{ $label }”
correction-hide = “{ $group }” hidden
done-merge = Groups merged.
done-split = Spelling split.
done-rename = Group renamed.
done-hide = Group hidden: it leaves the projector and the report.
done-show = Group shown again.
done-undo = Correction undone.
error-group-unknown = This keyword is no longer in the tally: reload the page.
error-group-not-named = No keyword group is called exactly “{ $typed }”: pick it from the list offered, or search for it.
error-merge-same = Choose another group than itself.
error-label-blank = Write the new label.
export-keyword-entries = every keyword received, with its time and group

## Supports and proposals
room-findings = The room's findings
supports-count = { $count ->
    [0] {""}
    [one] +1
   *[other] +{ $count }
}
support-send = +1, me too
support-done = you supported it
support-yours = your finding
sent-support = Support received: thank you!
error-own-finding = This is your own finding: support someone else's.
error-finding-unknown = This finding is no longer shown.
proposal-label = Propose a recommendation
proposal-hint = It reaches the ballot if the facilitator accepts it.
proposal-send = Propose
sent-proposal = Proposal received: it reaches the ballot if the facilitator accepts it.
your-proposals = Your proposals
# Phone and projector (issue #12)
cards-nav = Go to
card-closed = closed
room-most-supported = Most supported first.
room-see-all = See all the room's findings ({ $count })
room-page = Findings { $from } to { $to } of { $count }
room-previous = ← Previous
room-next = Next →
support-for = Support this finding
dot-counter = { $used } / { $budget } dots
dot-counter-over = { $used } / { $budget } dots: too many, remove { $extra }.
screen-connection-lost = Connection lost: trying again…

proposal-status-proposed = waiting
proposal-status-accepted = accepted
proposal-status-declined = not kept
error-proposal-blank = Write your proposal.
error-proposal-too-long = A proposal is at most { $max } characters.
error-too-many-proposals = You already made { $limit } proposals: that is the most.
error-proposals-closed = Proposals are closed: yours was not recorded.
proposals-title = Proposed recommendations
proposals-are-open = Participants may propose recommendations.
proposals-are-closed = Participants cannot propose recommendations.
proposals-open = Open proposals
proposals-close = Close proposals
proposal-accept = Accept
proposal-decline = Decline
done-proposals-open = Proposals open.
done-proposals-closed = Proposals closed.
done-accept = Proposal accepted: it is on the ballot.
done-decline = Proposal not kept.

## Projector
screen-counter = { $phones ->
    [one] { $phones } phone
   *[other] { $phones } phones
} · { $entries ->
    [one] { $entries } answer
   *[other] { $entries } answers
}
screen-join-lead = With your phone, open
screen-join-code = or type the code
screen-waiting = Waiting for the first answers…
screen-results-hidden = Results hidden for now: your turn to answer!
screen-more = { $count ->
    [one] + 1 more
   *[other] + { $count } more
}
screen-dots-voters = { $dots ->
    [one] { $dots } dot
   *[other] { $dots } dots
} · { $voters ->
    [one] { $voters } voter
   *[other] { $voters } voters
}

## Dashboard: projector, activities, moderation
screen-control = Projector
panel-join = Join
panel-keywords = Keywords
panel-findings = Findings
panel-votes = Recommendations
results-are-shown = Results are visible on the projector and on phones.
results-are-hidden = Results are hidden (participants do not see the others' votes).
results-hide = Hide results
results-show = Reveal results
screens-open = { $count ->
    [0] No projector open
    [one] { $count } projector open
   *[other] { $count } projectors open
}
activities-title = Activities
activity-keywords = Keywords
activity-findings = Findings
activity-votes = Dot vote
activity-open = open
activity-closed-short = closed
activity-close = Close
activity-reopen = Open
moderation-keywords = Keywords received (moderation)
moderation-findings = Findings received (moderation)
done-panel = The projector switches panel.
done-opened = Activity opened.
done-closed = Activity closed: phones see “closed”.
done-results-hidden = Results hidden.
done-results-shown = Results revealed.
done-entry-hidden = Answer hidden: it leaves the projector and the tallies, and stays in exports.
done-entry-shown = Answer shown again.
screen-results-title = Live results

error-method-title = Not possible
error-method-body = This address is not used this way. Go back to the previous page.
error-too-large-title = Too long
error-too-large-body = What you sent is over the size allowed: nothing was recorded. Shorten your text and try again.
error-not-a-number = Write a whole number, in digits.
done-created = Workshop created. This dashboard is yours: keep its address (the “Dashboard” link below), it will not be shown again.
toml-missing-field = the key “{ $key }” is missing
toml-unknown-field = unknown key “{ $key }” (check its spelling)
toml-invalid-type = value of the wrong type: { $expected }
toml-expected-integer = a whole number is expected, without quotes
toml-expected-text = a text in quotes is expected
toml-duplicate-key = this key appears twice
toml-too-deep = too many levels within each other (lists, tables or parts of a key between dots): a workshop file needs two or three
toml-unquoted-text = a text must be written in quotes, as in title = "My workshop"
toml-unclosed = a list in brackets [ ], a table in braces or a quoted text is not closed
toml-missing-value = a value is missing after the = sign, or an = between the key and its value
toml-syntax = this is not valid TOML here (the TOML reader says: “{ $detail }”)
cli-not-utf8 = the file is not UTF-8 text (save it as UTF-8)

## Report
report-title = Workshop report
report-workshop = The workshop
report-question = Question put to the room:
report-speakers = Speakers
report-facilitator = Facilitator:
report-rapporteur = Rapporteur:
report-keywords = The keywords that characterised the experiences presented
report-findings = What came out: { $list }
report-recommendations = Issues and recommendations
report-participation = Participation
report-percent = { $value }%
report-date = { $day } { $month } { $year }
report-when-one-day = { $date }, { $from } to { $to }
report-when-days = from { $from-date } { $from } to { $to-date } { $to }
col-share = Share of voters
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
sheet-keywords = Keywords
sheet-findings = Findings
sheet-recommendations = Recommendations
sheet-entries = Entries
col-supports = Supports
col-time = Date and time
col-participant = Participant
col-kind = Kind
col-text = Text
col-value = Value
report-print-hint = For a PDF: Print → Save as PDF.

## Report: dashboard
report-open = Open the report
export-docx = the report for Word or LibreOffice
export-md = the report in Markdown
export-cloud = the keyword cloud as an image (SVG), without the QR code
export-xlsx = the workbook (keywords, one sheet per category, recommendations with a chart, raw answers)
export-entries = every answer, of every kind, with its time
export-file = File
export-zip = everything in one file: report (HTML, Word, Markdown), workbook, keyword cloud and CSV
dialect-excel-fr = For Excel (French)
dialect-standard = Standard (CSV)
synthesis-title = Report syntheses
synthesis-hint = A short paragraph per part, printed in the report. Empty: no paragraph.
synthesis-general = Introduction
synthesis-keywords = Keywords
synthesis-findings = Findings
synthesis-recommendations = Recommendations
synthesis-save = Save
error-synthesis-too-long = A synthesis is at most { $max } characters: nothing was saved.
close-title = Close the workshop
close-hint = Closes every activity; exports stay available.
close-button = Close the workshop
close-done-at = Workshop closed on { $time }.
done-synthesis = Synthesis saved.
done-workshop-closed = Workshop closed: phones can no longer answer. Download the report below.
cli-no-database = No database { $file }: give it with --db.
cli-backup-done = Consistent copy written to { $file }: { $workshops ->
    [one] { $workshops } workshop
   *[other] { $workshops } workshops
}, { $entries ->
    [one] { $entries } answer
   *[other] { $entries } answers
}.
cli-backup-failed = Backup failed: { $message }
error-split-single = This group has a single spelling: nothing to split.
error-label-taken = Another group is already called “{ $label }”: merge them instead.
error-correction-unknown = This correction is no longer in force: reload the page.
error-correction-conflict = The tally changed meanwhile (another correction went through): nothing was done, check the groups below.
error-too-many-items = At most { $max }: a workshop holds no more.
error-keyword-twice = “{ $keyword }” is twice in what you sent.
error-keyword-no-letters = A keyword needs at least one letter, digit or emoji: a dash or an underscore alone is not enough.
kind-keyword = keyword
kind-finding = finding
kind-dots = dots
kind-support = support
kind-proposal = proposal
col-hidden = Hidden
screen-more-keywords = { $count ->
    [one] and 1 more keyword
   *[other] and { $count } more keywords
}
workshop-closed = The workshop is closed: thank you for taking part!
groups-search = Search a keyword
groups-search-button = Search
groups-search-clear = Show all
groups-shown = Groups { $first } to { $last } of { $total }, most cited first.
groups-found = { $count ->
    [0] No group contains “{ $query }”.
    [one] { $count } group contains “{ $query }”.
   *[other] { $count } groups contain “{ $query }”.
}
groups-next = { $count ->
    [one] Next group (1 more)
   *[other] Next groups ({ $count } more)
}
merge-title = Merge two groups
merge-from = The group
merge-more-choices = { $count ->
    [one] The list offers the most cited groups; 1 other can be typed.
   *[other] The list offers the most cited groups; { $count } others can be typed.
}
action-merge-pick = Merge…
spellings-more = { $count ->
    [one] and 1 more spelling (search for it to see it)
   *[other] and { $count } more spellings (search for them to see them)
}
corrections-more = { $count ->
    [one] and 1 older correction (still in force)
   *[other] and { $count } older corrections (still in force)
}
proposals-more = { $count ->
    [one] and 1 more proposal (waiting proposals come first)
   *[other] and { $count } more proposals (waiting proposals come first)
}
page-previous = Previous page
page-newer = Newer
page-older = { $count ->
    [one] Older (1 more)
   *[other] Older ({ $count } more)
}
page-entries = Pages of the list

## Vote codes
col-vote-code = With vote code
error-vote-code-needed = This vote needs a vote code: ask the facilitator for your card, type its code in the "Vote code" box above, then vote. Your dots are kept.
error-vote-code-unknown = This vote code does not exist in this workshop. Check it on your card and try again.
error-vote-code-used = This vote code was already used on another phone. Ask the facilitator for another card.
error-vote-code-already = This phone already has an accepted vote code: you can vote.
error-vote-code-count = Give a number of codes between 1 and { $max }.
vote-code-title = Vote code
vote-code-hint = This vote counts only with a code: type the one on the card the facilitator gave you.
vote-code-label = Code on the card (for example K7QM-3XTP)
vote-code-send = Check the code
vote-code-accepted = Code accepted: you can vote.
codes-title = Vote codes
codes-on = The vote counts only phones that entered a vote code.
codes-off = The vote counts every phone, without a code.
codes-turn-on = Require a code to vote
codes-turn-off = Stop requiring a code
codes-count = Number of codes
codes-generate = Make the codes and the cards to print
codes-generate-hint = Each code is shown only once, on the cards page: print it or save it before leaving it.
codes-sheet-title = Vote cards
codes-sheet-intro = { $count ->
    [one] { $count } new vote code. Print this page (A4), cut the cards out and give one to each person.
   *[other] { $count } new vote codes. Print this page (A4), cut the cards out and give one to each person.
}
codes-sheet-print = Print
codes-sheet-back = Back to the dashboard
codes-card-step = Scan, then type this code in "Vote code":
codes-card-or = or go to { $url }
done-vote-codes-on = The vote now needs a vote code.
done-vote-codes-off = The vote no longer needs a code.
# Moderation by participant and capacity (issue #10)
error-too-many-supports = You already gave { $limit } "+1": that is the most.
error-capacity-range = The capacity is a whole number from { $min } to { $max } (for example 2000).
phones-capacity = { $phones ->
    [one] { $phones } phone
   *[other] { $phones } phones
} / capacity { $capacity } (hidden participants included)
capacity-label = Room size (phones)
capacity-save = Save the capacity
capacity-hint = Past it, a new phone is refused; phones already in go on.
done-capacity = Capacity saved.
done-participant-hidden = Participant hidden: everything they sent leaves the projector, the tallies and the report, and stays in the exports.
done-participant-shown = Participant counted again.
participants-title = Participants
participants-hint = A participant exists only through their phone's cookie. Hiding takes all their answers out of the tallies, the projector and the report; their phone can still send, and nothing of it counts.
participants-more = { $count ->
    [one] { $count } more
   *[other] { $count } more
}
participants-all = All participants
participants-page = Page { $page } of { $pages }
participants-previous = Previous page
participants-next = Next page
participants-order = Order
participants-order-entries = most active first
participants-order-recent = most recently active first
participants-order-arrival = in order of arrival
col-first-seen = Arrived
col-keywords = Keywords
col-findings = Findings
col-supports-given = "+1" given
col-ballot = Ballot
ballot-yes = yes ({ $dots } dots)
ballot-no = no
action-hide-participant = Hide
action-show-participant = Count again
col-proposals = Proposals
back-to-dashboard = Back to the dashboard

## Synthesis statements, the session's date and the share link (issue #13)
error-session-date = A date such as 2019-11-21 (or 21/11/2019), a day that exists.
error-session-time = A time such as 14:00 (from 00:00 to 23:59).
error-session-time-without-date = Give the session's date too.
error-session-ends-before = The end comes before the start.
error-statement-blank = Write the statement: nothing was saved.
error-statement-too-long = A statement is at most { $max } characters: nothing was saved.
error-statement-unknown = This statement no longer exists.
report-backing = { $findings ->
    [one] { $findings } finding
   *[other] { $findings } findings
}, { $supports } +1
report-dots-voters = { $dots ->
    [one] { $dots } dot
   *[other] { $dots } dots
}, { $voters ->
    [one] { $voters } voter
   *[other] { $voters } voters
}
report-annex = Appendix
report-annex-keywords = Keywords and the number of participants who gave them
report-annex-findings = The room's findings
report-annex-votes = The dot vote
report-count-phones = { $count ->
    [one] { $count } phone
   *[other] { $count } phones
}
report-count-keywords = { $count ->
    [one] { $count } keyword
   *[other] { $count } keywords
}
report-count-voters = { $count ->
    [one] { $count } voter
   *[other] { $count } voters
}
synthesis-link-dashboard = Synthesis: statements, session date, share link
synthesis-page-title = Synthesis
synthesis-page-hint = Tick the room's findings that say the same thing and write the statement that gathers them: the report gives your statements, with the number of findings and "+1" behind each; the raw findings go to the appendix.
synthesis-statements = Synthesis statements
synthesis-no-statement = No statement in this category yet.
synthesis-text = Statement text
synthesis-edit = Save
synthesis-up = Up
synthesis-down = Down
synthesis-delete = Delete
synthesis-unlink = Remove
synthesis-gathers = { $count ->
    [one] { $count } finding gathered
   *[other] { $count } findings gathered
}
synthesis-findings-count = { $count ->
    [one] { $count } finding from the room, to tick
   *[other] { $count } findings from the room, most supported first, to tick
}
synthesis-used = { $count ->
    [one] in 1 statement
   *[other] in { $count } statements
}
synthesis-page-range = { $from }–{ $to } of { $total }
synthesis-new = New statement (the ticked findings are attached to it)
synthesis-add = Create the statement
synthesis-or-add-to = or add the ticked findings to
synthesis-link = Add
synthesis-suggestions = Suggested groups
synthesis-suggestions-hint = Findings that share uncommon words, computed here, without any outside service. Untick what does not fit, write the statement, create it; or ignore the suggestion.
synthesis-no-suggestion = No group to suggest yet.
synthesis-shared-words = Shared words:
synthesis-category = Category
synthesis-from-group = Create the statement of this group
synthesis-more-suggestions = { $count ->
    [one] and 1 more group
   *[other] and { $count } more groups
}
synthesis-session = Session date and hours
synthesis-session-hint = The report gives them under the title ("21 November 2019, 14:00–16:30"); without a date, it gives the times of the first and last answers.
synthesis-date = Date
synthesis-starts = Start
synthesis-ends = End
synthesis-done-added = Statement created.
synthesis-done-edited = Statement saved.
synthesis-done-moved = Statement moved.
synthesis-done-deleted = Statement deleted (the findings stay).
synthesis-done-linked = Findings added to the statement.
synthesis-done-unlinked = Finding removed from the statement.
synthesis-done-session = Date and hours saved.
synthesis-done-revoked = Share link revoked: it leads nowhere now.
share-title = Report share link
share-hint = A link that opens the report read-only, without access to the dashboard: the one to send or print.
share-new = New link, shown only once (copy it now):
share-since = A share link has been active since { $time }.
share-create = Create a share link
share-replace = Replace it with a new link
share-revoke = Revoke the link

## The proceedings of an event (issue #14, item 4)
proceedings-title = Proceedings
proceedings-chapter = Workshop { $number } — { $title }
proceedings-contents = Contents
proceedings-summary = The event in figures
proceedings-keywords = The keywords of the whole event
proceedings-keyword-workshops = { $count ->
    [one] workshop { $list }
   *[other] workshops { $list }
}
proceedings-total = The whole event
col-workshop = Workshop
col-join-code = Code
col-phones = Phones
col-workshops = Workshops
sheet-participation = Participation
sheet-event-keywords = Keywords (event)
proceedings-exports = The event's proceedings and files
error-unknown-event = No event has the code “{ $code }”.
error-event-csv = An event's CSV files are in event.zip: choose --format zip (or md, docx, html, xlsx).
## Organiser's console and plenary (issue #14)
organiser-title = Organiser's console
organiser-event-code = event code
organiser-done-plenary = The plenary now shows what you chose.
organiser-posters = Posters to print (A4)
organiser-links = Sheet of links
organiser-open-plenary = Open the plenary screen
organiser-workshops = Workshops
organiser-live-note = This table updates itself every 5 seconds; without JavaScript,
organiser-refresh = reload the page.
organiser-col-workshop = Workshop
organiser-col-state = State
organiser-col-phones = Phones
organiser-col-entries = Answers
organiser-col-screens = Screens open
organiser-col-last = Last activity
organiser-col-actions = Actions
organiser-col-code = Code
organiser-participant-link = Participants' link
organiser-projector-link = Projector
organiser-facilitator-link = Facilitator's link (hand it to the facilitator)
organiser-state-closed = Workshop closed
organiser-state-none-open = No activity open
organiser-state-open = Open:
organiser-show-plenary = Show in plenary
organiser-reissue = New facilitator link
organiser-more-workshops = { $count ->
    [one] and 1 more workshop (next page)
   *[other] and { $count } more workshops (next page)
}
organiser-plenary = Plenary screen
organiser-plenary-shows-event = The plenary shows the whole event: one keyword cloud of every workshop.
organiser-plenary-shows-workshop = The plenary shows the workshop highlighted in the table.
organiser-plenary-previous = Previous
organiser-plenary-event = Whole event
organiser-plenary-next = Next
organiser-facilitator-links = Facilitators' links
organiser-keys-note = Each facilitator's link is shown once only: when the event file is imported, when a workshop is added, or in answer to "New facilitator link". We keep only a fingerprint of it, as for a password: nobody, not even us, can read it back. If a link is lost or must change hands, make a new one: the old one stops working at once.
organiser-exports = The event's exports
organiser-exports-note = The proceedings: a title page, the contents, one chapter per workshop (its report, with its annex) and the event in figures. The workbook has a "Workshop" column on every sheet; the archive puts each workshop's files in its own folder.
proceedings-export-html = Proceedings (page to print)
proceedings-export-docx = Proceedings (Word)
proceedings-export-md = Proceedings (Markdown)
proceedings-export-xlsx = Event workbook (Excel)
proceedings-export-zip = Everything in one ZIP
proceedings-export-zip-excel = Everything in one ZIP (CSV for French Excel)
organiser-add = Add a workshop
organiser-add-label = Workshop file (TOML)
organiser-add-hint = Paste a workshop file as for "atelier import": a [workshop] table with its title, then its [[speakers]], [[finding_categories]] and [[recommendations]] if needed. Its [event], if any, is replaced by this event.
organiser-add-button = Add the workshop
organiser-pasted-file = pasted file
organiser-added-title = Workshop added
organiser-added-lead = Here are its links. Copy the facilitator's link now: it is shown only here.
organiser-reissued-title = New facilitator link
organiser-reissued-lead = This workshop's old facilitator link no longer works. Hand over this one: it is shown only here.
organiser-back = Back to the console
organiser-links-note = Facilitators' links appear on no printed document.
organiser-col-links = Links
organiser-col-workshop-room = Workshop and room
organiser-posters-intro = { $count ->
    [one] One A4 poster for the room's door, in its workshop's language. Print in A4 portrait (Ctrl+P or ⌘P) at 100%: the poster fits one page, with an 11 cm QR code.
   *[other] { $count } A4 posters, one per workshop, for each room's door, each in its workshop's language. Print in A4 portrait (Ctrl+P or ⌘P) at 100%: one poster a page, each with an 11 cm QR code.
}
organiser-links-intro = Print in A4 portrait (Ctrl+P or ⌘P): one line per workshop, never split across two pages.
workshop-room-label = Room:
field-room = Room (optional)
field-room-hint = Its name as read on the door, at most 80 characters: printed on the poster and shown at the top of the phones' page.
organiser-documents = Posters, links sheet and plenary screen
plenary-whole-event = Whole event
plenary-event-keywords = The event's keywords
plenary-top-findings = Most supported findings
plenary-statements = Synthesis statements
plenary-step = Workshop { $number } of { $total }
# The facilitator console's bar (issue #12)
console-label = Session controls
console-links = Report and exports
console-report = Report
console-exports = Exports
console-screen = Screen
console-phones = Phones / capacity
console-participants = Answered
console-keywords = Keywords
console-findings = Findings
console-voters = Voters
moderation-search = Search the text
moderation-order = Order
moderation-order-support = Most supported first
moderation-order-newest = Newest first
moderation-apply = Show
moderation-found = { $count ->
    [0] No answer contains this text.
    [one] { $count } answer contains this text.
   *[other] { $count } answers contain this text.
}
moderation-keywords-status = { $count ->
    [one] { $count } keyword received, newest first.
   *[other] { $count } keywords received, newest first.
}
moderation-findings-status = { $count ->
    [one] { $count } finding received.
   *[other] { $count } findings received.
}
moderation-supports = { $count ->
    [one] +1
   *[other] +{ $count }
}
done-panel-what = The projector now shows “{ $what }”.
done-opened-what = Activity “{ $what }” opened: phones can answer.
done-closed-what = Activity “{ $what }” closed: phones see “closed”.
