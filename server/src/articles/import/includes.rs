//! Finding and reading include files: Zulip's `{!name.md!}` targets and MDX snippets.
//! Remembers every file it read, so the importer knows which pages are only includes.

use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};

use super::PageError;

/// Folder names whose files are includes, never articles.
pub const INCLUDE_FOLDERS: [&str; 3] = ["include", "includes", "snippets"];

/// Include look-up for one import.
#[derive(Debug)]
pub struct Includes {
    /// The folder the caller asked to import; look-ups never leave it.
    root: PathBuf,
    /// Every include file read so far, as paths under `root`.
    pub used: BTreeSet<PathBuf>,
}

impl Includes {
    pub fn new(root: &Path) -> Self {
        Self { root: root.to_owned(), used: BTreeSet::new() }
    }

    /// A Zulip include: `name` in the `include/` folder nearest to the page, looking in
    /// the page's own folder first and then in each parent up to the root.
    pub fn find_zulip(&self, page: &Path, name: &str) -> Result<PathBuf, PageError> {
        let missing = || PageError::MissingInclude(format!("{{!{name}!}}"));
        let name = safe_relative(name).ok_or_else(missing)?;
        let mut folder = page.parent();
        while let Some(current) = folder {
            for include_folder in INCLUDE_FOLDERS {
                let candidate = current.join(include_folder).join(&name);
                if candidate.is_file() {
                    return Ok(candidate);
                }
            }
            if current == self.root {
                break;
            }
            folder = current.parent();
        }
        Err(missing())
    }

    /// An MDX import path. `/snippets/x.mdx` is site-relative: it is looked up as
    /// `snippets/x.mdx`, then `include/x.mdx`, in the root and in each folder between
    /// the page and the root. `./x.mdx` and `../x.mdx` are relative to the page.
    pub fn find_snippet(&self, page: &Path, spec: &str) -> Result<PathBuf, PageError> {
        let missing = || PageError::MissingInclude(format!("\"{spec}\""));
        let page_folder = page.parent().unwrap_or(&self.root);
        if spec.starts_with("./") || spec.starts_with("../") {
            let candidate = normalise(&page_folder.join(spec));
            return if candidate.starts_with(&self.root) && candidate.is_file() {
                Ok(candidate)
            } else {
                Err(missing())
            };
        }
        let relative = safe_relative(spec.trim_start_matches('/')).ok_or_else(missing)?;
        let without_snippets = relative.strip_prefix("snippets").map(Path::to_owned).ok();
        let mut folder = Some(page_folder);
        while let Some(current) = folder {
            let mut candidates = vec![current.join(&relative)];
            if let Some(rest) = &without_snippets {
                candidates.extend(INCLUDE_FOLDERS.iter().map(|name| current.join(name).join(rest)));
            }
            if let Some(found) = candidates.into_iter().find(|candidate| candidate.is_file()) {
                return Ok(found);
            }
            if current == self.root {
                break;
            }
            folder = current.parent();
        }
        Err(missing())
    }

    /// Reads an include file as text, refusing to enter one already being expanded.
    pub fn read(&mut self, path: &Path, chain: &[PathBuf]) -> Result<String, PageError> {
        let relative = path.strip_prefix(&self.root).unwrap_or(path).to_owned();
        if chain.iter().any(|open| open == path) {
            let mut names: Vec<String> = chain.iter().map(|p| self.display(p)).collect();
            names.push(self.display(path));
            return Err(PageError::IncludeCycle(names.join(" → ")));
        }
        let bytes =
            std::fs::read(path).map_err(|error| PageError::Unreadable(format!("{}: {error}", relative.display())))?;
        let text = String::from_utf8(bytes).map_err(|_| PageError::NotUtf8(relative.display().to_string()))?;
        self.used.insert(relative);
        Ok(normalise_newlines(&text))
    }

    fn display(&self, path: &Path) -> String {
        path.strip_prefix(&self.root).unwrap_or(path).display().to_string()
    }
}

/// Unix newlines, no byte-order mark.
pub fn normalise_newlines(text: &str) -> String {
    text.trim_start_matches('\u{feff}').replace("\r\n", "\n").replace('\r', "\n")
}

/// A relative path that cannot climb out of the folder it is joined to.
fn safe_relative(name: &str) -> Option<PathBuf> {
    let path = Path::new(name.trim());
    let plain = path.components().all(|component| matches!(component, Component::Normal(_)));
    (plain && !name.trim().is_empty()).then(|| path.to_owned())
}

/// Resolves `.` and `..` without touching the file system.
fn normalise(path: &Path) -> PathBuf {
    let mut output = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                output.pop();
            }
            other => output.push(other),
        }
    }
    output
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zulip_includes_are_found_in_the_nearest_include_folder() -> anyhow::Result<()> {
        let root = tempfile::tempdir()?;
        std::fs::create_dir_all(root.path().join("articles/include"))?;
        std::fs::create_dir_all(root.path().join("include"))?;
        std::fs::write(root.path().join("include/shared.md"), "top")?;
        std::fs::write(root.path().join("articles/include/near.md"), "near")?;
        let includes = Includes::new(root.path());
        let page = root.path().join("articles/page.md");
        assert_eq!(includes.find_zulip(&page, "near.md")?, root.path().join("articles/include/near.md"));
        assert_eq!(includes.find_zulip(&page, "shared.md")?, root.path().join("include/shared.md"));
        assert!(includes.find_zulip(&page, "../include/shared.md").is_err());
        assert!(includes.find_zulip(&page, "absent.md").is_err());
        Ok(())
    }

    #[test]
    fn site_relative_snippets_are_found_in_snippets_or_include_folders() -> anyhow::Result<()> {
        let root = tempfile::tempdir()?;
        std::fs::create_dir_all(root.path().join("include/usage"))?;
        std::fs::write(root.path().join("include/usage/a.mdx"), "a")?;
        let includes = Includes::new(root.path());
        let page = root.path().join("articles/deep/page.mdx");
        assert_eq!(includes.find_snippet(&page, "/snippets/usage/a.mdx")?, root.path().join("include/usage/a.mdx"));
        assert!(includes.find_snippet(&page, "/snippets/usage/b.mdx").is_err());
        Ok(())
    }

    #[test]
    fn reading_an_include_already_open_is_a_cycle() -> anyhow::Result<()> {
        let root = tempfile::tempdir()?;
        let file = root.path().join("a.md");
        std::fs::write(&file, "x")?;
        let mut includes = Includes::new(root.path());
        let error = includes.read(&file, std::slice::from_ref(&file)).err().map(|e| e.to_string());
        assert_eq!(error.as_deref(), Some("include cycle: a.md → a.md"));
        Ok(())
    }
}
