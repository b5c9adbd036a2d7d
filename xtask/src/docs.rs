//! The guide for embedders: `README.md`, the `docs/` pages it links and `CHANGELOG.md`. The npm
//! package ships the README and every file of the guide it reaches through relative links, so a
//! page that must not ship (the build and bench page, the screenshots) is linked by its repository
//! URL instead.
//! The unit tests check that every link of the README and the guide leads to a file, and to a
//! heading when it names one, in the repository.

use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};

/// Links that start with this name a file of the repository on its default branch (`blob` for a
/// file, `tree` for a folder); the link check reads them as paths in the working tree.
const REPOSITORY_FILES: [&str; 2] = [
    "https://github.com/kaiten/kaiten-consent/blob/main/",
    "https://github.com/kaiten/kaiten-consent/tree/main/",
];

/// The folder of the guide, relative to the repository root.
pub const DOCS: &str = "docs";
/// What the README may ship by linking it: the guide's folder and the changelog.
const GUIDE: [&str; 2] = [DOCS, "CHANGELOG.md"];

/// A link's target as written in markdown: `path#anchor`, either part possibly empty.
#[derive(Debug, PartialEq, Eq)]
struct Link<'t> {
    target: &'t str,
    line: usize,
}

/// The targets of every `[text](target)` and `![alt](target)` of `markdown`, outside fenced code
/// blocks and inline code.
fn links(markdown: &str) -> Vec<Link<'_>> {
    let mut found = Vec::new();
    for (index, line) in prose_lines(markdown) {
        let mut rest = line;
        let mut in_code = false;
        while let Some(at) = rest.find(['`', ']']) {
            let mark = rest.as_bytes()[at];
            rest = &rest[at + 1..];
            if mark == b'`' {
                in_code = !in_code;
                continue;
            }
            if in_code {
                continue;
            }
            if let Some(after) = rest.strip_prefix('(') {
                if let Some(end) = after.find(')') {
                    found.push(Link {
                        target: &after[..end],
                        line: index + 1,
                    });
                    rest = &after[end + 1..];
                }
            }
        }
    }
    found
}

/// Every line of `markdown` outside fenced code blocks, with its index.
fn prose_lines(markdown: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut in_fence = false;
    markdown.lines().enumerate().filter(move |(_, line)| {
        if line.trim_start().starts_with("```") {
            in_fence = !in_fence;
            return false;
        }
        !in_fence
    })
}

/// Where a link of the file `from` (relative to the repository root) leads in the repository:
/// `(path, anchor)`, or `None` for a link elsewhere on the web or to an e-mail address.
fn resolve(from: &Path, target: &str) -> Option<(PathBuf, Option<String>)> {
    let (path, anchor) = match target.split_once('#') {
        Some((path, anchor)) => (path, Some(anchor.to_owned())),
        None => (target, None),
    };
    let path = if let Some(in_repository) = REPOSITORY_FILES
        .iter()
        .find_map(|prefix| path.strip_prefix(prefix))
    {
        PathBuf::from(in_repository)
    } else if path.contains(':') {
        return None;
    } else if path.is_empty() {
        from.to_path_buf()
    } else {
        normalise(&from.parent().unwrap_or(Path::new("")).join(path))
    };
    Some((path, anchor))
}

/// Whether `target` is a relative link: one that works only while both files travel together.
fn is_relative(target: &str) -> bool {
    !target.contains(':') && !target.starts_with('#')
}

/// `path` with its `.` and `..` parts folded away.
fn normalise(path: &Path) -> PathBuf {
    let mut parts: Vec<Component<'_>> = Vec::new();
    for part in path.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir if matches!(parts.last(), Some(Component::Normal(_))) => {
                parts.pop();
            }
            other => parts.push(other),
        }
    }
    parts.iter().collect()
}

fn read(root: &Path, file: &Path) -> Result<String, String> {
    std::fs::read_to_string(root.join(file)).map_err(|e| format!("{}: {e}", file.display()))
}

/// The files of the [`GUIDE`] the README reaches through relative links, page by page (paths
/// relative to the repository root, sorted).
///
/// # Errors
/// A message naming the file when a page cannot be read.
pub fn shipped(root: &Path) -> Result<Vec<PathBuf>, String> {
    let mut reached: BTreeSet<PathBuf> = BTreeSet::new();
    let mut to_read = vec![PathBuf::from("README.md")];
    while let Some(page) = to_read.pop() {
        let text = read(root, &page)?;
        for link in links(&text).into_iter().filter(|l| is_relative(l.target)) {
            let Some((path, _)) = resolve(&page, link.target) else {
                continue;
            };
            let in_guide = GUIDE.iter().any(|part| path.starts_with(part));
            let is_page = path.extension().is_some_and(|ext| ext == "md");
            if in_guide && reached.insert(path.clone()) && is_page {
                to_read.push(path);
            }
        }
    }
    Ok(reached.into_iter().collect())
}

/// Copies [`shipped`] into `out` under the same paths (`<out>/docs/` emptied first, so no page of
/// an earlier build stays) and returns those paths, for `package.json`'s `files`.
///
/// # Errors
/// A message naming the file when a page cannot be read or written.
pub fn copy_shipped(root: &Path, out: &Path) -> Result<Vec<String>, String> {
    let io = |path: &Path, e: std::io::Error| format!("{}: {e}", path.display());
    let folder = out.join(DOCS);
    if folder.exists() {
        std::fs::remove_dir_all(&folder).map_err(|e| io(&folder, e))?;
    }
    let mut copied = Vec::new();
    for file in shipped(root)? {
        let to = out.join(&file);
        if let Some(parent) = to.parent() {
            std::fs::create_dir_all(parent).map_err(|e| io(parent, e))?;
        }
        std::fs::copy(root.join(&file), &to).map_err(|e| io(&to, e))?;
        copied.push(file.to_string_lossy().replace('\\', "/"));
    }
    Ok(copied)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The anchors GitHub gives the headings of `markdown`: lowercased, spaces as `-`, punctuation
    /// other than `-` and `_` dropped, and `-1`, `-2`, … after a repeated one.
    fn anchors(markdown: &str) -> BTreeSet<String> {
        let mut found = BTreeSet::new();
        for (_, line) in prose_lines(markdown) {
            let Some(heading) = line.strip_prefix('#') else {
                continue;
            };
            let heading = heading.trim_start_matches('#');
            if !heading.starts_with(' ') {
                continue;
            }
            let slug: String = heading
                .trim()
                .chars()
                .filter_map(|c| match c {
                    ' ' => Some('-'),
                    '-' | '_' => Some(c),
                    c if c.is_alphanumeric() => Some(c),
                    _ => None,
                })
                .flat_map(char::to_lowercase)
                .collect();
            let mut unique = slug.clone();
            let mut repeat = 0;
            while found.contains(&unique) {
                repeat += 1;
                unique = format!("{slug}-{repeat}");
            }
            found.insert(unique);
        }
        found
    }

    fn repository() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
    }

    /// `README.md`, `CHANGELOG.md` and every markdown page of `docs/`, relative to the
    /// repository root.
    fn guide(root: &Path) -> Vec<PathBuf> {
        let mut pages = vec![PathBuf::from("README.md"), PathBuf::from("CHANGELOG.md")];
        let mut docs: Vec<PathBuf> = std::fs::read_dir(root.join(DOCS))
            .expect("docs/ is in the repository")
            .filter_map(|entry| entry.ok())
            .map(|entry| Path::new(DOCS).join(entry.file_name()))
            .filter(|path| path.extension().is_some_and(|ext| ext == "md"))
            .collect();
        docs.sort();
        pages.extend(docs);
        pages
    }

    #[test]
    fn every_link_of_the_readme_and_the_guide_leads_to_a_file_and_heading() {
        let root = repository();
        let mut broken = Vec::new();
        for page in guide(&root) {
            let text = read(&root, &page).unwrap();
            for link in links(&text) {
                let Some((path, anchor)) = resolve(&page, link.target) else {
                    continue;
                };
                let at = format!("{}:{}: ({})", page.display(), link.line, link.target);
                if !root.join(&path).exists() {
                    broken.push(format!("{at}: no file {}", path.display()));
                    continue;
                }
                let Some(anchor) = anchor else { continue };
                if path.extension().is_some_and(|ext| ext == "md") {
                    let headings = anchors(&read(&root, &path).unwrap());
                    if !headings.contains(&anchor) {
                        broken.push(format!("{at}: {} has no heading #{anchor}", path.display()));
                    }
                }
            }
        }
        assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
    }

    #[test]
    fn the_package_ships_guide_pages_but_not_the_build_and_bench_page() {
        let shipped = shipped(&repository()).unwrap();
        assert!(shipped.contains(&PathBuf::from("docs/configuration.md")));
        assert!(!shipped.contains(&PathBuf::from("docs/building.md")));
        assert!(shipped.iter().all(|f| !f.starts_with("docs/screenshots")));
    }

    #[test]
    fn links_skip_code_and_find_images() {
        let text = "see [a](a.md#x) and `[b](b.md)`\n```\n[c](c.md)\n```\n![d](d.png)";
        let targets: Vec<&str> = links(text).iter().map(|l| l.target).collect();
        assert_eq!(targets, ["a.md#x", "d.png"]);
    }

    #[test]
    fn anchors_follow_github() {
        let text =
            "# Build settings: `wasm-pack.toml`\n## Host speed (bench/host-speed)\n## A\n## A";
        let found: Vec<String> = anchors(text).into_iter().collect();
        assert_eq!(
            found,
            [
                "a",
                "a-1",
                "build-settings-wasm-packtoml",
                "host-speed-benchhost-speed"
            ]
        );
    }

    #[test]
    fn repository_urls_and_relative_paths_resolve_in_the_working_tree() {
        let page = Path::new("docs/api.md");
        assert_eq!(
            resolve(page, "../README.md#quick-start"),
            Some((PathBuf::from("README.md"), Some("quick-start".into())))
        );
        assert_eq!(
            resolve(
                page,
                "https://github.com/kaiten/kaiten-consent/blob/main/docs/building.md"
            ),
            Some((PathBuf::from("docs/building.md"), None))
        );
        assert_eq!(resolve(page, "https://example.com/"), None);
        assert_eq!(
            resolve(page, "#errors"),
            Some((PathBuf::from("docs/api.md"), Some("errors".into())))
        );
    }
}
