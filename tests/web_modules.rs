//! The web layer's modules depend on one another without a loop: `api` (the JS class) uses
//! `dispatch` and `events`, which use `widget`, and nothing below reaches back up. Read from the
//! source (`super::` paths), so a new loop fails here rather than in review.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

/// Each module of `src/web/` and the sibling modules it names through `super::`.
fn dependencies() -> BTreeMap<String, BTreeSet<String>> {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/web");
    let files: Vec<(String, String)> = fs::read_dir(&folder)
        .expect("src/web")
        .map(|entry| entry.expect("entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "rs"))
        .map(|path| {
            let name = path.file_stem().unwrap().to_string_lossy().into_owned();
            (name, fs::read_to_string(&path).expect("readable"))
        })
        .filter(|(name, _)| name != "mod")
        .collect();
    let modules: BTreeSet<String> = files.iter().map(|(name, _)| name.clone()).collect();
    files
        .iter()
        .map(|(name, text)| {
            let named = text
                .split("super::")
                .skip(1)
                .flat_map(|rest| {
                    // `super::widget::Widget`, or a group: `super::{clock, cookie::CookieJar}`.
                    let group = rest
                        .strip_prefix('{')
                        .map_or(rest, |g| g.split('}').next().unwrap());
                    group
                        .split(',')
                        .map(|item| {
                            item.trim()
                                .split(|c: char| !c.is_alphanumeric() && c != '_')
                                .next()
                                .unwrap_or("")
                                .to_owned()
                        })
                        .collect::<Vec<_>>()
                })
                .filter(|module| modules.contains(module) && module != name)
                .collect();
            (name.clone(), named)
        })
        .collect()
}

/// A loop through `from`, as the list of modules on it, if there is one.
fn find_loop(
    graph: &BTreeMap<String, BTreeSet<String>>,
    path: &mut Vec<String>,
    done: &mut BTreeSet<String>,
) -> Option<Vec<String>> {
    let current = path.last().unwrap().clone();
    for next in &graph[&current] {
        if let Some(at) = path.iter().position(|m| m == next) {
            let mut cycle = path[at..].to_vec();
            cycle.push(next.clone());
            return Some(cycle);
        }
        if done.contains(next) {
            continue;
        }
        path.push(next.clone());
        if let Some(cycle) = find_loop(graph, path, done) {
            return Some(cycle);
        }
        path.pop();
    }
    done.insert(current);
    None
}

#[test]
fn the_web_layer_has_no_dependency_loop() {
    let graph = dependencies();
    assert!(
        graph["api"].contains("dispatch"),
        "read api's dependencies: {graph:?}"
    );
    let mut done = BTreeSet::new();
    for module in graph.keys() {
        if let Some(cycle) = find_loop(&graph, &mut vec![module.clone()], &mut done) {
            panic!("a dependency loop in src/web: {}", cycle.join(" -> "));
        }
    }
}

#[test]
fn only_the_js_class_and_the_module_root_name_api() {
    for (module, named) in dependencies() {
        assert!(
            !named.contains("api"),
            "{module} uses api: api is only the JS class"
        );
    }
}
