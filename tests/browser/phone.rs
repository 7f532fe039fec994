//! The phone page in a full room (issue #12) at 390×844: the ballot within about two
//! screens with 400 phones' findings in the room, the room's findings folded with a
//! "voir tout" that pages without JavaScript, the running dot count, a refused ballot
//! back at its message with the focus on it.

use std::time::Duration;

use fantoccini::{Client, Locator};
use futures_util::future::join_all;

use crate::common::{self, TestApp};
use crate::support::{browser, save_screenshot, start_chromedriver, wait_until};

/// A long finding, as people type them in a real room (about 230 characters).
fn finding_text(i: usize) -> String {
    format!(
        "Constat n° {i} : les associations du territoire portent des services essentiels \
         (mobilité solidaire, aide alimentaire, accueil des jeunes) sans financement stable, \
         et les bénévoles s'épuisent faute de relais."
    )
}

/// `phones` phones each send one finding (categories in turn); each phone also gives a
/// "+1" to one of the first ten findings, so the room's most supported differ.
pub async fn fill_room(app: &TestApp, phones: usize) {
    let categories = ["constat", "difficulte", "levier"];
    for chunk in (0..phones).collect::<Vec<_>>().chunks(50) {
        let sent = chunk.iter().map(|&i| async move {
            let phone = common::phone();
            let text = finding_text(i);
            let response = app.post_finding(&phone, categories[i % 3], &text).await;
            assert_eq!(response.status(), 303, "finding {i}");
            phone
        });
        let phones: Vec<_> = join_all(sent).await;
        let supports = phones.iter().zip(chunk).map(|(phone, &i)| async move {
            let target = i % 10 + 1;
            if target != i + 1 {
                let url = app.participant(&format!("findings/{target}/support"));
                common::post(phone, &url, &[]).await;
            }
        });
        join_all(supports).await;
    }
}

/// Top of the element `css` from the top of the page, in CSS pixels.
async fn page_top(client: &Client, css: &str) -> f64 {
    client
        .execute(
            &format!(
                "const el = document.querySelector('{css}');
                 return el ? el.getBoundingClientRect().top + window.scrollY : -1;"
            ),
            vec![],
        )
        .await
        .expect("position")
        .as_f64()
        .expect("a number")
}

#[actix_web::test]
#[ignore = "needs Debian's chromium and chromium-driver; run by .ci/run"]
async fn in_a_room_of_400_phones_the_ballot_is_within_two_screens_and_a_refusal_comes_back_at_its_message()
 {
    let app = TestApp::with_fixture().await;
    for activity in ["keywords", "findings", "votes"] {
        let response = app
            .post_facilitator("activities", &[("activity", activity), ("open", "1")])
            .await;
        assert_eq!(response.status(), 303, "{activity}");
    }
    fill_room(&app, 400).await;
    let (_driver, driver_url) = start_chromedriver();
    let profiles = tempfile::tempdir().expect("profiles");
    let phone = browser(&driver_url, 390, 844, &profiles.path().join("phone"), true).await;
    phone
        .goto(&app.links.participant_url)
        .await
        .expect("phone page");
    let screen = phone
        .execute("return window.innerHeight;", vec![])
        .await
        .expect("height")
        .as_f64()
        .expect("a number");
    let vote = page_top(&phone, "#vote").await;
    let ballot = page_top(&phone, ".ballot").await;
    println!(
        "390×844, 400 phones' findings: the vote card starts at {vote:.0} px, the ballot at \
         {ballot:.0} px ({:.2} screens of {screen:.0} px)",
        ballot / screen
    );
    let layout = phone
        .execute(
            "return [...document.querySelectorAll('main > *, .card > *, #room > *')].map(el =>
               el.tagName + '#' + el.id + '.' + el.className + ' ' + Math.round(el.getBoundingClientRect().height)).join('; ');",
            vec![],
        )
        .await
        .expect("layout");
    println!("{layout}");
    save_screenshot(&phone, "phone-390x844-top.png").await;
    assert!(vote > 0.0 && vote <= 2.0 * screen, "vote card at {vote} px");
    assert!(ballot <= 2.2 * screen, "ballot at {ballot} px");

    // Three of the room's findings are listed, the most supported first; the rest is
    // folded, and "voir tout" pages through it without JavaScript (a link).
    let listed = phone
        .execute(
            "return [...document.querySelectorAll('#room > .room-findings > li')].length;",
            vec![],
        )
        .await
        .expect("room");
    assert_eq!(listed.as_i64(), Some(3));
    phone
        .find(Locator::Css("#room-all summary"))
        .await
        .expect("voir tout")
        .click()
        .await
        .expect("unfold");
    let summary = phone
        .find(Locator::Css("#room-all summary"))
        .await
        .expect("summary")
        .text()
        .await
        .expect("text");
    assert!(summary.contains("(400)"), "{summary}");
    phone
        .find(Locator::Css("#room-all a[rel=next]"))
        .await
        .expect("next page")
        .click()
        .await
        .expect("next");
    wait_until(
        &phone,
        "location.search.includes('room=2') && document.getElementById('room-all').open",
        Duration::from_secs(5),
    )
    .await;
    let label = phone
        .find(Locator::Css("#room-all .hint"))
        .await
        .expect("page label")
        .text()
        .await
        .expect("text");
    assert!(label.contains("24 à 43 sur 400"), "{label}");
    save_screenshot(&phone, "phone-390x844-room-page-2.png").await;

    // The running count: 2 dots on the first recommendation, then 2 on the second.
    phone
        .goto(&format!("{}#vote", app.links.participant_url))
        .await
        .expect("phone page");
    let counter = "document.querySelector('.dot-counter')";
    wait_until(
        &phone,
        &format!("!{counter}.hidden"),
        Duration::from_secs(5),
    )
    .await;
    let radios = phone
        .find_all(Locator::Css(".ballot input[type=radio][value='2']"))
        .await
        .expect("dot choices");
    assert!(radios.len() >= 2);
    radios[0].click().await.expect("2 dots");
    wait_until(
        &phone,
        &format!("{counter}.textContent.trim() === '2 / 3 gommettes'"),
        Duration::from_secs(2),
    )
    .await;
    radios[1].click().await.expect("2 more dots");
    wait_until(
        &phone,
        &format!("{counter}.textContent.startsWith('4 / 3 gommettes') && {counter}.classList.contains('over')"),
        Duration::from_secs(2),
    )
    .await;
    save_screenshot(&phone, "phone-390x844-dot-counter.png").await;

    // The server still decides: 4 dots out of 3 are refused, and the page comes back at
    // the message, in view, with the focus on it.
    phone
        .find(Locator::Css(".ballot-form button[type=submit]"))
        .await
        .expect("vote button")
        .click()
        .await
        .expect("vote");
    wait_until(
        &phone,
        "document.getElementById('vote-error') !== null",
        Duration::from_secs(5),
    )
    .await;
    let seen = phone
        .execute(
            "const el = document.getElementById('vote-error');
             const r = el.getBoundingClientRect();
             return [r.top >= 0 && r.bottom <= window.innerHeight,
                     document.activeElement === el, location.hash, r.top];",
            vec![],
        )
        .await
        .expect("message");
    println!("refused ballot: message in view, focused, at {seen}");
    assert_eq!(seen[0].as_bool(), Some(true), "message in view: {seen}");
    assert_eq!(
        seen[1].as_bool(),
        Some(true),
        "focus on the message: {seen}"
    );
    assert_eq!(seen[2].as_str(), Some("#vote-error"));
    // What was chosen is still chosen.
    let kept = phone
        .execute(
            "return document.querySelectorAll('.ballot input[type=radio][value=\"2\"]:checked').length;",
            vec![],
        )
        .await
        .expect("kept");
    assert_eq!(kept.as_i64(), Some(2));
    save_screenshot(&phone, "phone-390x844-refused-ballot.png").await;
    assert_eq!(app.count("SELECT COUNT(*) FROM ballots").await, 0);

    // A ballot within the budget is taken.
    radios_again(&phone).await;
    phone
        .find(Locator::Css(".ballot-form button[type=submit]"))
        .await
        .expect("vote button")
        .click()
        .await
        .expect("vote");
    wait_until(
        &phone,
        "document.querySelector('#vote .flash') !== null",
        Duration::from_secs(5),
    )
    .await;
    save_screenshot(&phone, "phone-390x844-voted.png").await;

    // The facilitator shows the vote on the projector: the phone's results card follows
    // without a reload, bars stacked for a phone, words whole, one h1 in the page.
    phone
        .execute("window.__notReloaded = true; return true;", vec![])
        .await
        .expect("marker");
    assert_eq!(
        app.post_facilitator("screen", &[("panel", "votes")])
            .await
            .status(),
        303
    );
    wait_until(
        &phone,
        "!document.getElementById('results').hidden && document.querySelector('#results [data-panel=votes] .bar-text')",
        Duration::from_secs(12),
    )
    .await;
    let results = phone
        .execute(
            "const card = document.getElementById('results');
             card.scrollIntoView();
             const texts = [...card.querySelectorAll('.bar-text')];
             const lineHeight = parseFloat(getComputedStyle(texts[0]).lineHeight) || 26;
             return [window.__notReloaded === true, document.querySelectorAll('h1').length,
                     Math.max(...texts.map(t => t.getBoundingClientRect().height / lineHeight)),
                     Math.round(card.getBoundingClientRect().height),
                     texts.every(t => t.getBoundingClientRect().width > 200)];",
            vec![],
        )
        .await
        .expect("results");
    println!(
        "live results on the phone (no reload, h1s, most lines of a bar, card px, wide): {results}"
    );
    assert_eq!(results[0].as_bool(), Some(true), "updated without a reload");
    assert_eq!(results[1].as_i64(), Some(1), "one h1");
    assert!(results[2].as_f64().unwrap_or(99.0) <= 4.0, "{results}");
    assert_eq!(results[4].as_bool(), Some(true), "{results}");
    save_screenshot(&phone, "phone-390x844-live-results.png").await;

    // The keyword cloud on a phone: words whole (a 25-letter word included), in the card.
    for i in 0..3 {
        let other = common::phone();
        let words = [
            "Anticonstitutionnellement",
            "intergénérationnel",
            "mobilité",
        ];
        let response = app.post_keywords(&other, &words[..=i]).await;
        assert_eq!(response.status(), 303);
    }
    app.post_facilitator("screen", &[("panel", "keywords")])
        .await;
    wait_until(
        &phone,
        "document.querySelectorAll('#results [data-panel=keywords] .cloud li').length === 3",
        Duration::from_secs(12),
    )
    .await;
    let cloud = phone
        .execute(
            "const card = document.getElementById('results');
             card.scrollIntoView();
             const box = card.getBoundingClientRect();
             return [...card.querySelectorAll('.cloud li')].map(li => {
               const range = document.createRange();
               range.selectNodeContents(li);
               const r = li.getBoundingClientRect();
               return [li.textContent, range.getClientRects().length, r.left >= box.left && r.right <= box.right];
             });",
            vec![],
        )
        .await
        .expect("cloud");
    println!("the phone's cloud (word, lines, inside the card): {cloud}");
    for word in cloud.as_array().into_iter().flatten() {
        assert_eq!(word[1].as_i64(), Some(1), "a word on one line: {word}");
        assert_eq!(word[2].as_bool(), Some(true), "inside the card: {word}");
    }
    save_screenshot(&phone, "phone-390x844-live-keywords.png").await;
    phone.close().await.expect("close phone");
}

/// Sets the second recommendation back to 0 dots and the third to 1 (3 dots in all).
async fn radios_again(phone: &Client) {
    let zero = phone
        .find_all(Locator::Css(".ballot input[type=radio][value='0']"))
        .await
        .expect("zero choices");
    zero[1].click().await.expect("0 dots");
    let one = phone
        .find_all(Locator::Css(".ballot input[type=radio][value='1']"))
        .await
        .expect("one choices");
    one[2].click().await.expect("1 dot");
    wait_until(
        phone,
        "document.querySelector('.dot-counter').textContent.trim() === '3 / 3 gommettes'",
        Duration::from_secs(2),
    )
    .await;
}
