//! The house's rules, checked by reading `src/` (ARCHITECTURE.md, "Layers"): each module
//! imports only from its own layer or a lower one, no two modules import each other, no
//! file is over about 450 lines, and `src/web/` holds no SQL.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The layer of each top-level module, from the bottom.
const LAYERS: [(&str, u8); 12] = [
    ("domain", 0),
    ("live", 1),
    ("i18n", 1),
    ("store", 2),
    ("tallies", 3),
    ("workshops", 3),
    ("report", 4),
    ("web", 4),
    ("startup", 5),
    ("cli", 6),
    ("lib", 7),
    ("main", 7),
];

/// Most lines a file of `src/` may hold.
const MAX_LINES: usize = 450;

fn sources(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src/ is readable") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            sources(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// The module path of a source file: `src/web/facilitator/mod.rs` is `web::facilitator`.
fn module_of(path: &Path) -> Vec<String> {
    let relative = path.strip_prefix(src()).expect("under src/");
    let mut parts: Vec<String> = relative
        .iter()
        .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_string())
        .collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts
}

/// The code of a file without its `#[cfg(test)]` module (tests may reach anywhere) and
/// without comments.
fn code(text: &str) -> String {
    let text = text.split("#[cfg(test)]\nmod tests").next().unwrap_or("");
    text.lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The `crate::a::b` paths a file names.
fn crate_paths(code: &str) -> Vec<Vec<String>> {
    let mut found = Vec::new();
    for (index, _) in code.match_indices("crate::") {
        let rest = &code[index + "crate::".len()..];
        let path: Vec<String> = rest
            .split("::")
            .map(|s| {
                s.chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect::<String>()
            })
            .take_while(|s| !s.is_empty() && s.chars().next().is_some_and(char::is_lowercase))
            .collect();
        if !path.is_empty() {
            found.push(path);
        }
    }
    found
}

fn layer(top: &str) -> u8 {
    LAYERS
        .iter()
        .find(|(name, _)| *name == top)
        .map(|(_, l)| *l)
        .unwrap_or_else(|| panic!("module {top} has no layer in ARCHITECTURE.md"))
}

#[test]
fn no_module_imports_from_a_higher_layer() {
    let mut files = Vec::new();
    sources(&src(), &mut files);
    let mut wrong = Vec::new();
    for file in &files {
        let module = module_of(file);
        let top = module.first().map_or("lib", String::as_str).to_string();
        let text = code(&std::fs::read_to_string(file).expect("readable"));
        for path in crate_paths(&text) {
            if layer(&path[0]) > layer(&top) {
                wrong.push(format!(
                    "{} imports crate::{}",
                    file.display(),
                    path.join("::")
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn no_two_modules_import_each_other() {
    let mut files = Vec::new();
    sources(&src(), &mut files);
    // Module → the modules it names (a parent's own children are its business).
    let mut imports: BTreeMap<Vec<String>, BTreeSet<Vec<String>>> = BTreeMap::new();
    for file in &files {
        let module = module_of(file);
        let text = code(&std::fs::read_to_string(file).expect("readable"));
        let mut named = BTreeSet::new();
        for path in crate_paths(&text) {
            // The longest prefix of the path that is a module of ours.
            let target = (1..=path.len())
                .rev()
                .map(|n| path[..n].to_vec())
                .find(|prefix| files.iter().any(|f| module_of(f) == *prefix));
            if let Some(target) = target
                && target != module
                && !target.starts_with(&module)
                && !module.starts_with(&target)
            {
                named.insert(target);
            }
        }
        for line in text.lines() {
            let line = line.trim();
            if let Some(rest) = line.strip_prefix("use super::") {
                let sibling = rest
                    .split(|c: char| !(c.is_alphanumeric() || c == '_'))
                    .next()
                    .unwrap_or("");
                let mut target = module.clone();
                target.pop();
                target.push(sibling.to_string());
                if files.iter().any(|f| module_of(f) == target) && target != module {
                    named.insert(target);
                }
            }
        }
        imports.insert(module, named);
    }
    let mut circles = Vec::new();
    for (module, named) in &imports {
        for other in named {
            if imports.get(other).is_some_and(|back| back.contains(module)) && module < other {
                circles.push(format!("{} <-> {}", module.join("::"), other.join("::")));
            }
        }
    }
    assert!(circles.is_empty(), "{circles:#?}");
}

#[test]
fn no_source_file_is_over_450_lines() {
    let mut files = Vec::new();
    sources(&src(), &mut files);
    let long: Vec<String> = files
        .iter()
        .filter_map(|f| {
            let lines = std::fs::read_to_string(f)
                .expect("readable")
                .lines()
                .count();
            (lines > MAX_LINES).then(|| format!("{}: {lines} lines", f.display()))
        })
        .collect();
    assert!(long.is_empty(), "{long:#?}");
}

#[test]
fn the_web_layer_names_no_sql_and_no_connection() {
    let mut files = Vec::new();
    sources(&src().join("web"), &mut files);
    let mut found = Vec::new();
    for file in &files {
        let text = code(&std::fs::read_to_string(file).expect("readable"));
        for word in [
            "rusqlite",
            "Connection",
            "readers",
            "writer",
            "SELECT ",
            "INSERT ",
            "UPDATE ",
            "DELETE ",
        ] {
            if text.contains(word) {
                found.push(format!("{}: {word}", file.display()));
            }
        }
    }
    assert!(found.is_empty(), "{found:#?}");
}
