//! YAML front matter: the `---` block at the top of a page, read with `yaml-rust2`.
//!
//! Only a few keys matter to the importer; everything else (Mintlify's `description`,
//! `sidebarTitle`, `icon`…) is ignored.

use anyhow::{Context, bail};
use yaml_rust2::{Yaml, YamlLoader};

/// The front matter keys the importer uses.
#[derive(Debug, Default, PartialEq)]
pub struct FrontMatter {
    pub title: Option<String>,
    pub category: Option<String>,
    /// From `tags` or `keywords`: a YAML list or one comma-separated string.
    pub tags: Vec<String>,
    /// From `lang` or `locale`.
    pub locale: Option<String>,
}

/// Splits a page into its front matter and its body. A page without a `---` first line
/// has empty front matter; an opening `---` without a closing one is an error, as is
/// front matter that is not a YAML mapping.
pub fn split(text: &str) -> anyhow::Result<(FrontMatter, &str)> {
    let Some(rest) = text.strip_prefix("---\n") else {
        return Ok((FrontMatter::default(), text));
    };
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            let yaml = &rest[..offset];
            let body = &rest[offset + line.len()..];
            return Ok((parse(yaml)?, body));
        }
        offset += line.len();
    }
    bail!("front matter has no closing `---` line")
}

fn parse(yaml: &str) -> anyhow::Result<FrontMatter> {
    let documents = match YamlLoader::load_from_str(yaml) {
        Ok(documents) => documents,
        // Mintlify (js-yaml) accepts a quoted value continued on an unindented line,
        // which strict YAML rejects; indenting such lines gives the meaning it intended.
        Err(error) => YamlLoader::load_from_str(&indent_continuations(yaml))
            .map_err(|_| error)
            .context("front matter is not valid YAML")?,
    };
    let mapping = match documents.into_iter().next() {
        None | Some(Yaml::Null) => return Ok(FrontMatter::default()),
        Some(Yaml::Hash(mapping)) => mapping,
        Some(_) => bail!("front matter is not a YAML mapping"),
    };
    let get = |key: &str| mapping.get(&Yaml::String(key.to_owned()));
    let text = |key: &str| get(key).and_then(scalar).filter(|value| !value.is_empty());
    let mut tags: Vec<String> = Vec::new();
    for value in ["tags", "keywords"].into_iter().filter_map(get) {
        let values = match value {
            Yaml::Array(items) => items.iter().filter_map(scalar).collect::<Vec<String>>(),
            other => scalar(other).map(|list| list.split(',').map(str::to_owned).collect()).unwrap_or_default(),
        };
        for tag in values {
            let tag = tag.trim().to_owned();
            if !tag.is_empty() && !tags.contains(&tag) {
                tags.push(tag);
            }
        }
    }
    Ok(FrontMatter {
        title: text("title"),
        category: text("category"),
        tags,
        locale: text("lang").or_else(|| text("locale")),
    })
}

/// Indents lines at column 0 that neither start a key, a list item nor a comment.
fn indent_continuations(yaml: &str) -> String {
    let starts_entry = |line: &str| {
        line.starts_with([' ', '\t', '-', '#'])
            || line.split_once(':').is_some_and(|(key, _)| !key.contains(['"', '\'', ' ']))
    };
    yaml.lines()
        .map(|line| if line.is_empty() || starts_entry(line) { line.to_owned() } else { format!("  {line}") })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A YAML scalar as trimmed text; lists, mappings and nulls have none.
fn scalar(value: &Yaml) -> Option<String> {
    let text = match value {
        Yaml::String(text) | Yaml::Real(text) => text.clone(),
        Yaml::Integer(number) => number.to_string(),
        Yaml::Boolean(flag) => flag.to_string(),
        _ => return None,
    };
    Some(text.trim().to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_without_front_matter_is_all_body() -> anyhow::Result<()> {
        let (front, body) = split("# Hello\n")?;
        assert_eq!(front, FrontMatter::default());
        assert_eq!(body, "# Hello\n");
        Ok(())
    }

    #[test]
    fn front_matter_keys_are_read_and_the_rest_is_body() -> anyhow::Result<()> {
        let page = "---\ntitle: \"Refund a payment\"\nsidebarTitle: Refunds\ncategory: Billing\n\
                    tags: [money, \"refunds\"]\nlang: fr\n---\n\nBody text\n";
        let (front, body) = split(page)?;
        assert_eq!(front.title.as_deref(), Some("Refund a payment"));
        assert_eq!(front.category.as_deref(), Some("Billing"));
        assert_eq!(front.tags, ["money", "refunds"]);
        assert_eq!(front.locale.as_deref(), Some("fr"));
        assert_eq!(body, "\nBody text\n");
        Ok(())
    }

    #[test]
    fn comma_separated_keywords_become_tags() -> anyhow::Result<()> {
        let (front, _) = split("---\nkeywords: a, b ,a\nlocale: de\n---\n")?;
        assert_eq!(front.tags, ["a", "b"]);
        assert_eq!(front.locale.as_deref(), Some("de"));
        Ok(())
    }

    #[test]
    fn empty_front_matter_is_allowed() -> anyhow::Result<()> {
        let (front, body) = split("---\n---\ntext")?;
        assert_eq!(front, FrontMatter::default());
        assert_eq!(body, "text");
        Ok(())
    }

    #[test]
    fn a_quoted_value_continued_on_an_unindented_line_is_accepted() -> anyhow::Result<()> {
        let (front, _) = split("---\ntitle: \"Ship\"\ndescription: \"How to ship\nfast\"\n---\n")?;
        assert_eq!(front.title.as_deref(), Some("Ship"));
        Ok(())
    }

    #[test]
    fn unclosed_or_invalid_front_matter_is_an_error() {
        assert!(split("---\ntitle: x\n").is_err());
        assert!(split("---\ntitle: [unclosed\n---\n").is_err());
        assert!(split("---\n- a list\n---\n").is_err());
    }
}
