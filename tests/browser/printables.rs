//! The organiser's printables as a person prints them (issue #14, part 2): headless
//! Chromium prints the posters and the links sheet of an event of 20 workshops, with long
//! titles (up to 300 characters), long rooms (80) and a twelve-letter code, to A4 PDF
//! (`--print-to-pdf`); poppler's `pdfinfo`, `pdftotext` and `pdftoppm` read them back.
//! Each poster is one page, in its workshop's language, with a QR code of at least 8 cm;
//! every row of the links sheet stays on one page with its code on one line; no key is
//! printed. At 390 px the links sheet reads as cards, nothing wider than the screen.
//! PDFs and images go to `target/screenshots/`.

use std::process::Command;

use atelier::domain::event_file;
use atelier::store::CreatedEvent;

use crate::common::TestApp;
use crate::support::{browser, chromium, save_screenshot, screenshots, start_chromedriver};

/// Titles cycled over the 20 workshops; each gets its number, so that every one differs.
const TITLES: [&str; 5] = [
    "Atelier thématique solidarités sociales",
    "Atelier thématique transition écologique et alimentaire : circuits courts, projets alimentaires territoriaux et coopération entre GAL",
    "Attractivité des territoires ruraux",
    "Coopération transnationale LEADER : comment monter un projet avec des partenaires européens quand on est un petit GAL rural, sans ingénierie dédiée ni budget d'animation, et le faire vivre au-delà de la programmation en cours avec les habitants, les élus, les associations et les entreprises",
    "Mobilités",
];

/// Rooms cycled likewise; the longest are 80 characters, the most a room may hold.
const ROOMS: [&str; 4] = [
    "Salle Vercors, 2e étage",
    "Salle du conseil municipal, bâtiment B, rez-de-chaussée, porte à gauche après l'",
    "Amphithéâtre Gaston Berger",
    "Salle Mont-Blanc Chamonix, bâtiment principal, niveau moins deux, couloir ouest",
];

/// The event: 300 characters of title; 20 workshops, every fourth in English, every
/// seventh without a room, the last the widest poster there is (300 characters of title,
/// 80 of room, twelve W).
fn event_source() -> String {
    let title: String = "2èmes rencontres nationales de la coopération LEADER, organisées par le Réseau rural français avec les GAL, les régions et les partenaires européens, à la Cité des sciences et de l'industrie de Paris, "
        .repeat(2)
        .chars()
        .take(300)
        .collect();
    let mut source = format!("[event]\ntitle = \"{title}\"\ncode = \"AFFICHES\"\n\n");
    for i in 0..20 {
        let mut title = format!("{} ({})", TITLES[i % TITLES.len()], i + 1);
        if i == 19 {
            title = format!("{} bis ({})", TITLES[3], i + 1);
            assert_eq!(title.chars().count(), 300, "the longest title there is");
        }
        source.push_str(&format!("[[workshops]]\ntitle = \"{title}\"\n"));
        if i % 7 != 6 {
            let room = if i == 19 {
                ROOMS[3]
            } else {
                ROOMS[i % ROOMS.len()]
            };
            source.push_str(&format!("room = \"{room}\"\n"));
        }
        if i % 4 == 3 {
            source.push_str("language = \"en\"\n");
        }
        if i == 19 {
            source.push_str("join_code = \"WWWWWWWWWWWW\"\n");
        }
        source.push('\n');
    }
    source
}

/// Text without any white space: a printed line may wrap anywhere.
fn squeezed(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Prints `url` to `target/screenshots/{name}.pdf`; returns its page count and each
/// page's text in content order (`pdftotext -raw`).
async fn print(url: String, name: &str) -> (usize, Vec<String>) {
    let pdf = screenshots().join(format!("{name}.pdf"));
    let _ = std::fs::remove_file(&pdf);
    chromium(url, format!("--print-to-pdf={}", pdf.display())).await;
    let info = Command::new("pdfinfo")
        .arg(&pdf)
        .output()
        .expect("pdfinfo runs (apt-get install poppler-utils)");
    let info = String::from_utf8_lossy(&info.stdout);
    assert!(info.contains("A4"), "{name} is A4: {info}");
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("a page count");
    let text = Command::new("pdftotext")
        .arg("-raw")
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    assert!(text.status.success());
    let text = String::from_utf8_lossy(&text.stdout).to_string();
    let mut texts: Vec<String> = text.split('\u{c}').map(str::to_string).collect();
    texts.truncate(pages);
    (pages, texts)
}

/// Renders page `page` of `target/screenshots/{name}.pdf` in grey at `dpi` to a PNG under
/// `target/screenshots/` and returns its grey levels, row by row, and its width.
fn raster(name: &str, page: usize, dpi: u32) -> (Vec<u8>, usize) {
    let pdf = screenshots().join(format!("{name}.pdf"));
    let prefix = screenshots().join(format!("{name}-{page}"));
    let made = Command::new("pdftoppm")
        .args(["-gray", "-png", "-singlefile", "-r", &dpi.to_string()])
        .args(["-f", &page.to_string(), "-l", &page.to_string()])
        .arg(&pdf)
        .arg(&prefix)
        .status()
        .expect("pdftoppm runs");
    assert!(made.success());
    let file = std::fs::File::open(prefix.with_extension("png")).expect("the page's image");
    let mut decoder = png::Decoder::new(std::io::BufReader::new(file));
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = decoder.read_info().expect("a PNG");
    let mut pixels = vec![0; reader.output_buffer_size().expect("a size")];
    let frame = reader.next_frame(&mut pixels).expect("its pixels");
    pixels.truncate(frame.buffer_size());
    // pdftoppm's grey may come as RGB: one channel is enough.
    let channels = match frame.color_type {
        png::ColorType::Grayscale => 1,
        png::ColorType::GrayscaleAlpha => 2,
        png::ColorType::Rgba => 4,
        _ => 3,
    };
    let grey = pixels.iter().step_by(channels).copied().collect();
    (grey, frame.width as usize)
}

/// The side, in pixels, of the largest square block of ink on a page: the rows holding
/// dark pixels, gathered into blocks when no more than `gap` blank rows part them, each
/// block taken as square when its ink is as wide as it is high (within 8 %). Text lines
/// make wide blocks; the QR code (its quiet zone parting it from the text) a square one.
fn largest_square(pixels: &[u8], width: usize, gap: usize) -> usize {
    let rows: Vec<Option<(usize, usize)>> = pixels
        .chunks(width)
        .map(|row| {
            let first = row.iter().position(|p| *p < 128)?;
            let last = row.iter().rposition(|p| *p < 128)?;
            Some((first, last))
        })
        .collect();
    let mut best = 0;
    let mut block: Option<(usize, usize, usize, usize)> = None; // top, bottom, left, right
    let mut blank = 0;
    for (y, row) in rows.iter().enumerate().chain([(rows.len(), &None)]) {
        match (row, &mut block) {
            (Some((l, r)), Some((_, bottom, left, right))) => {
                *bottom = y;
                *left = (*left).min(*l);
                *right = (*right).max(*r);
                blank = 0;
            }
            (Some((l, r)), None) => {
                block = Some((y, y, *l, *r));
                blank = 0;
            }
            (None, Some((top, bottom, left, right))) => {
                blank += 1;
                if blank > gap || y == rows.len() {
                    let (h, w) = (*bottom - *top + 1, *right - *left + 1);
                    if h.abs_diff(w) * 100 <= h * 8 {
                        best = best.max(h.min(w));
                    }
                    block = None;
                }
            }
            (None, None) => {}
        }
    }
    best
}

async fn with_event() -> (TestApp, CreatedEvent) {
    let app = TestApp::with_fixture().await;
    let file = event_file::parse(&event_source()).expect("valid");
    let created = app.store.create_event(file).await.expect("imported");
    (app, created)
}

#[actix_web::test]
#[ignore = "needs Chromium and poppler-utils (cargo test --test browser -- --ignored)"]
async fn twenty_posters_print_on_twenty_a4_pages_each_in_its_language_with_a_big_qr_code() {
    let (app, event) = with_event().await;
    let url = app.url(&format!("/o/{}/posters", event.organiser_key));
    let (pages, texts) = print(url, "printables-posters").await;
    assert_eq!(pages, 20, "one page a poster");
    for (i, (workshop, text)) in event.workshops.iter().zip(&texts).enumerate() {
        let page = squeezed(text);
        assert!(
            page.contains(&squeezed(&workshop.join_code)),
            "poster {i}'s code on its page: {text}"
        );
        if let Some(room) = &workshop.room {
            assert!(page.contains(&squeezed(room)), "poster {i}'s room: {text}");
        }
        let (mine, other) = if i % 4 == 3 {
            ("Withyourphone,open", "Avecvotretéléphone")
        } else {
            ("Avecvotretéléphone,ouvrez", "Withyourphone")
        };
        assert!(
            page.contains(mine) && !page.contains(other),
            "poster {i} in its language: {text}"
        );
        let title = format!("({})", i + 1);
        assert!(page.contains(&title), "poster {i}'s whole title: {text}");
        assert!(!page.contains(&event.organiser_key[..8]) && !page.contains("/o/"));
    }
    // The QR code at 40 dpi (1.575 pixels a millimetre): at least 80 mm, quiet zone
    // left out, on the first poster and on the fullest (the last).
    for page in [1, 20] {
        let (pixels, width) = raster("printables-posters", page, 40);
        let side = largest_square(&pixels, width, 4);
        let millimetres = side as f64 / (40.0 / 25.4);
        assert!(
            millimetres >= 80.0,
            "poster {page}'s QR code is {millimetres:.0} mm"
        );
        eprintln!("poster {page}: QR code {millimetres:.0} mm");
    }
}

#[actix_web::test]
#[ignore = "needs Chromium and poppler-utils (cargo test --test browser -- --ignored)"]
async fn the_links_sheet_prints_every_row_whole_with_its_code_on_one_line() {
    let (app, event) = with_event().await;
    let url = app.url(&format!("/o/{}/links", event.organiser_key));
    let (pages, texts) = print(url.clone(), "printables-links").await;
    assert!(pages >= 2, "20 rows of QR codes take several pages");
    let squeezed_pages: Vec<String> = texts.iter().map(|t| squeezed(t)).collect();
    let source = event_source();
    let file = event_file::parse(&source).expect("valid");
    for (i, (created, workshop)) in event.workshops.iter().zip(&file.workshops).enumerate() {
        let title = squeezed(&workshop.title);
        let holding: Vec<usize> = (0..pages)
            .filter(|p| squeezed_pages[*p].contains(&title))
            .collect();
        assert_eq!(holding.len(), 1, "row {i}'s title on one page: {holding:?}");
        let page = &squeezed_pages[holding[0]];
        let code = &created.join_code;
        for piece in [
            format!(
                "{title}{}",
                squeezed(workshop.room.as_deref().unwrap_or(""))
            ),
            format!("/w/{code}"),
            format!("/w/{code}/screen"),
        ] {
            assert!(page.contains(&piece), "row {i} whole: {piece} on {page}");
        }
        assert!(
            texts[holding[0]].lines().any(|l| l.trim() == code),
            "row {i}'s code {code} on one line: {}",
            texts[holding[0]]
        );
    }
    for text in &texts {
        assert!(!text.contains(&event.organiser_key[..8]) && !text.contains("/o/"));
    }
    eprintln!("links sheet: {pages} pages for 20 workshops");

    // On a phone's screen: one card per workshop, nothing wider than the screen.
    let (_driver, driver_url) = start_chromedriver();
    let profile = tempfile::tempdir().expect("profile");
    let client = browser(&driver_url, 390, 844, profile.path(), true).await;
    client.goto(&url).await.expect("the links sheet");
    let overflow = client
        .execute(
            "return document.documentElement.scrollWidth - window.innerWidth;",
            vec![],
        )
        .await
        .expect("widths")
        .as_i64()
        .unwrap_or(i64::MAX);
    assert!(overflow <= 0, "{overflow} px wider than the screen");
    save_screenshot(&client, "printables-links-390x844.png").await;
    client
        .execute(
            "document.querySelector('tbody tr').scrollIntoView();",
            vec![],
        )
        .await
        .expect("scrolled");
    save_screenshot(&client, "printables-links-390x844-rows.png").await;
    client.close().await.expect("close");
}
