//! Zulip's help-center Markdown extensions: `{!file.md!}` includes, tab blocks, the
//! `{settings_tab|…}` and `{relative|…}` navigation macros, and `!!! tip ""` admonitions.

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use regex::Regex;

use super::PageError;
use super::includes::Includes;
use super::markdown::{FenceTracker, labelled_quote};

static INCLUDE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\{!([^!{}]+)!\}").expect("valid include pattern"));
static TAB: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\s*\{tab\|([^}]*)\}\s*$").expect("valid tab pattern"));
static TABS_EDGE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*\{(?:start_tabs|end_tabs)\}\s*$").expect("valid tabs pattern"));
static NAVIGATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\{(settings_tab|relative)\|([a-z0-9_-]+)(?:\|([a-z0-9_/-]+))?\}").expect("valid navigation pattern")
});
static ADMONITION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"^(\s*)!!! ([a-zA-Z_]+)(?:\s+"([^"]*)")?\s*$"#).expect("valid admonition pattern"));
static LONE_MACRO: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\s*\{[a-z_]+\}\s*$").expect("valid macro pattern"));

/// Replaces every `{!name.md!}` with the named include file, recursively. An include
/// that stands inside a line (`1. {!x.md!}`) continues that line, and its later lines
/// are indented to match, so it stays inside the list item.
pub fn expand_includes(
    text: &str,
    page: &Path,
    includes: &mut Includes,
    chain: &mut Vec<PathBuf>,
) -> Result<String, PageError> {
    let mut output = Vec::new();
    let mut fences = FenceTracker::default();
    for line in text.lines() {
        if fences.is_code(line) {
            output.push(line.to_owned());
        } else {
            output.extend(expand_line(line, page, includes, chain)?);
        }
    }
    Ok(output.join("\n") + "\n")
}

fn expand_line(
    line: &str,
    page: &Path,
    includes: &mut Includes,
    chain: &mut Vec<PathBuf>,
) -> Result<Vec<String>, PageError> {
    let Some(found) = INCLUDE.captures(line) else { return Ok(vec![line.to_owned()]) };
    let (Some(whole), Some(name)) = (found.get(0), found.get(1)) else { return Ok(vec![line.to_owned()]) };
    let prefix = &line[..whole.start()];
    let suffix = &line[whole.end()..];
    let path = includes.find_zulip(page, name.as_str())?;
    let source = includes.read(&path, chain)?;
    chain.push(path.clone());
    let expanded = expand_includes(&source, &path, includes, chain);
    chain.pop();
    let expanded = expanded?;
    let indent = if prefix.trim().is_empty() { prefix.to_owned() } else { " ".repeat(prefix.chars().count()) };
    let mut lines: Vec<String> = expanded
        .trim_end()
        .lines()
        .enumerate()
        .map(|(index, included)| match (index, included.trim().is_empty()) {
            (0, _) => format!("{prefix}{included}"),
            (_, true) => String::new(),
            (_, false) => format!("{indent}{included}"),
        })
        .collect();
    if lines.is_empty() {
        lines.push(prefix.to_owned());
    }
    let last = lines.pop().unwrap_or_default() + suffix;
    lines.extend(expand_line(&last, page, includes, chain)?);
    Ok(lines)
}

/// Turns the macros into plain CommonMark: tab labels become bold paragraphs before
/// their content, navigation macros become "Go to **A › B**" steps, admonitions become
/// labelled blockquotes, and unknown single-line macros (generated tables) are dropped.
pub fn convert_macros(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let mut output: Vec<String> = Vec::with_capacity(lines.len());
    let mut fences = FenceTracker::default();
    let mut index = 0;
    while index < lines.len() {
        let line = lines[index];
        index += 1;
        if fences.is_code(line) {
            output.push(line.to_owned());
        } else if TABS_EDGE.is_match(line) || LONE_MACRO.is_match(line) {
            output.push(String::new());
        } else if let Some(tab) = TAB.captures(line) {
            output.extend([String::new(), format!("**{}**", tab_label(&tab[1])), String::new()]);
        } else if let Some(admonition) = ADMONITION.captures(line) {
            let indent = admonition[1].to_owned();
            let label = match admonition.get(3).map(|title| title.as_str().trim()) {
                Some(title) if !title.is_empty() => title.to_owned(),
                _ => admonition_label(&admonition[2]),
            };
            let body_indent = indent.len() + 4;
            let mut body = Vec::new();
            while let Some(next) = lines.get(index) {
                let leading = next.len() - next.trim_start().len();
                if !next.trim().is_empty() && leading < body_indent {
                    break;
                }
                body.push(convert_navigation(next.get(body_indent..).unwrap_or("")));
                index += 1;
            }
            output.extend(labelled_quote(&indent, &label, &body));
            output.push(String::new());
        } else {
            output.push(convert_navigation(line));
        }
    }
    output.join("\n") + "\n"
}

/// `{settings_tab|x}` and `{relative|a|b}`: a numbered step when alone on a line (Zulip
/// expands them into steps), bold text when inside a sentence.
fn convert_navigation(line: &str) -> String {
    let Some(found) = NAVIGATION.captures(line) else { return line.to_owned() };
    let location = match (&found[1], found.get(3)) {
        ("settings_tab", _) => settings_location(&found[2]),
        (_, Some(key)) => relative_location(&found[2], key.as_str()),
        (_, None) => humanise(&found[2]),
    };
    let whole = found.get(0).map_or(0..0, |m| m.range());
    if line[..whole.start].trim().is_empty() && line[whole.end..].trim().is_empty() {
        format!("{}1. Go to **{location}**.", &line[..whole.start])
    } else {
        let replaced = format!("{}**{location}**{}", &line[..whole.start], &line[whole.end..]);
        convert_navigation(&replaced)
    }
}

/// Where a `{settings_tab|key}` lives, as "Personal settings › Notifications".
fn settings_location(key: &str) -> String {
    let personal = [
        ("profile", "Profile"),
        ("account-and-privacy", "Account & privacy"),
        ("preferences", "Preferences"),
        ("notifications", "Notifications"),
        ("your-bots", "Bots"),
        ("alert-words", "Alert words"),
        ("uploaded-files", "Uploaded files"),
        ("topics", "Topics"),
        ("muted-users", "Muted users"),
    ];
    let organization = [
        ("organization-profile", "Organization profile"),
        ("organization-settings", "Organization settings"),
        ("organization-permissions", "Organization permissions"),
        ("default-user-settings", "Default user settings"),
        ("emoji-settings", "Custom emoji"),
        ("auth-methods", "Authentication methods"),
        ("users", "Users"),
        ("deactivated", "Users › Deactivated"),
        ("invitations", "Users › Invitations"),
        ("bot-list-admin", "Bots"),
        ("default-channels-list", "Default channels"),
        ("linkifier-settings", "Linkifiers"),
        ("playground-settings", "Code playgrounds"),
        ("profile-field-settings", "Custom profile fields"),
        ("data-exports-admin", "Data exports"),
    ];
    if let Some((_, label)) = personal.iter().find(|(name, _)| *name == key) {
        format!("Personal settings › {label}")
    } else if let Some((_, label)) = organization.iter().find(|(name, _)| *name == key) {
        format!("Organization settings › {label}")
    } else {
        format!("Settings › {}", humanise(key))
    }
}

/// Where a `{relative|kind|key}` link points, as "Channel settings › All channels".
fn relative_location(kind: &str, key: &str) -> String {
    let known = [
        ("gear-billing", "billing", "Gear menu › Billing"),
        ("gear-billing", "plans", "Gear menu › Plans and pricing"),
        ("gear", "about-zulip", "Gear menu › About Zulip"),
        ("gear", "stats", "Gear menu › Usage statistics"),
        ("gear", "settings", "Gear menu › Personal settings"),
        ("channel", "all", "Channel settings › All channels"),
        ("channel", "not-subscribed", "Channel settings › Not subscribed"),
        ("group", "all", "Group settings › All groups"),
    ];
    if let Some((_, _, location)) = known.iter().find(|(k, name, _)| *k == kind && *name == key) {
        return (*location).to_owned();
    }
    match kind {
        "gear" | "gear-billing" => format!("Gear menu › {}", humanise(key)),
        "help" => format!("Help menu › {}", humanise(key)),
        "channel" => format!("Channel settings › {}", humanise(key)),
        "group" => format!("Group settings › {}", humanise(key)),
        other => format!("{} › {}", humanise(other), humanise(key)),
    }
}

/// A tab's visible name, from its key.
fn tab_label(key: &str) -> String {
    let known = [
        ("desktop-web", "Desktop/Web"),
        ("mac", "macOS"),
        ("ios", "iOS"),
        ("via-markdown", "Via Markdown"),
        ("zulip-cloud", "Zulip Cloud"),
        ("mm-cloud", "Mattermost Cloud"),
        ("mm-default", "Default installation"),
        ("mm-docker", "Docker"),
        ("mm-gitlab-omnibus", "GitLab Omnibus"),
        ("mm-self-hosting-cloud-export", "Self-hosted cloud export"),
        ("azuread", "Azure AD"),
        ("entraid", "Microsoft Entra ID"),
        ("onelogin", "OneLogin"),
    ];
    match known.iter().find(|(name, _)| *name == key.trim()) {
        Some((_, label)) => (*label).to_owned(),
        None => humanise(key.trim()),
    }
}

fn admonition_label(kind: &str) -> String {
    match kind.to_ascii_lowercase().as_str() {
        "warn" | "warning" => "Warning".to_owned(),
        other => humanise(other),
    }
}

/// `via-user-card` → "Via user card".
pub fn humanise(key: &str) -> String {
    let words = key.replace(['-', '_'], " ");
    let mut chars = words.trim().chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

#[cfg(test)]
#[path = "zulip_tests.rs"]
mod tests;
