//! Unit tests for the Zulip macro conversions, on small synthetic pages.

use super::*;

fn expand(root: &Path, page_text: &str) -> Result<String, PageError> {
    let mut includes = Includes::new(root);
    let page = root.join("articles/page.md");
    expand_includes(page_text, &page, &mut includes, &mut vec![page.clone()])
}

fn write(root: &Path, relative: &str, text: &str) -> anyhow::Result<()> {
    let path = root.join(relative);
    if let Some(folder) = path.parent() {
        std::fs::create_dir_all(folder)?;
    }
    std::fs::write(path, text)?;
    Ok(())
}

#[test]
fn nested_includes_are_resolved() -> anyhow::Result<()> {
    let root = tempfile::tempdir()?;
    write(root.path(), "include/outer.md", "Outer start\n{!inner.md!}\n")?;
    write(root.path(), "include/inner.md", "Inner text\n")?;
    assert_eq!(
        expand(root.path(), "Before\n\n{!outer.md!}\n\nAfter\n")?,
        "Before\n\nOuter start\nInner text\n\nAfter\n"
    );
    Ok(())
}

#[test]
fn an_include_inside_a_list_item_keeps_its_indentation() -> anyhow::Result<()> {
    let root = tempfile::tempdir()?;
    write(root.path(), "include/steps.md", "First line\n\nSecond para\n")?;
    assert_eq!(expand(root.path(), "1. {!steps.md!}\n")?, "1. First line\n\n   Second para\n");
    assert_eq!(expand(root.path(), "    {!steps.md!}\n")?, "    First line\n\n    Second para\n");
    Ok(())
}

#[test]
fn a_missing_include_is_an_error_naming_it() -> anyhow::Result<()> {
    let root = tempfile::tempdir()?;
    let error = expand(root.path(), "{!nowhere.md!}\n").err().map(|e| e.to_string());
    assert_eq!(error.as_deref(), Some("include {!nowhere.md!} not found"));
    Ok(())
}

#[test]
fn an_include_cycle_is_an_error_not_a_hang() -> anyhow::Result<()> {
    let root = tempfile::tempdir()?;
    write(root.path(), "include/a.md", "{!b.md!}\n")?;
    write(root.path(), "include/b.md", "{!a.md!}\n")?;
    let error = expand(root.path(), "{!a.md!}\n").err().map(|e| e.to_string());
    assert_eq!(error.as_deref(), Some("include cycle: articles/page.md → include/a.md → include/b.md → include/a.md"));
    Ok(())
}

#[test]
fn includes_in_code_fences_are_left_alone() -> anyhow::Result<()> {
    let root = tempfile::tempdir()?;
    assert_eq!(expand(root.path(), "```\n{!x.md!}\n```\n")?, "```\n{!x.md!}\n```\n");
    Ok(())
}

#[test]
fn tabs_become_bold_labels_before_their_content() {
    let text = "{start_tabs}\n\n{tab|desktop-web}\n\n1. Click.\n\n{tab|via-user-card}\n\n1. Tap.\n\n{end_tabs}\n";
    let converted = super::super::markdown::tidy(&convert_macros(text));
    assert_eq!(converted, "**Desktop/Web**\n\n1. Click.\n\n**Via user card**\n\n1. Tap.\n");
}

#[test]
fn settings_macros_become_a_go_to_step() {
    assert_eq!(convert_macros("{settings_tab|notifications}\n"), "1. Go to **Personal settings › Notifications**.\n");
    assert_eq!(
        convert_macros("{settings_tab|linkifier-settings}\n"),
        "1. Go to **Organization settings › Linkifiers**.\n"
    );
    assert_eq!(convert_macros("{settings_tab|brand-new}\n"), "1. Go to **Settings › Brand new**.\n");
}

#[test]
fn relative_macros_become_readable_locations() {
    assert_eq!(convert_macros("{relative|channel|all}\n"), "1. Go to **Channel settings › All channels**.\n");
    assert_eq!(
        convert_macros("See {relative|help|search-filters} here.\n"),
        "See **Help menu › Search filters** here.\n"
    );
}

#[test]
fn admonitions_become_labelled_blockquotes() {
    let text = "!!! tip \"\"\n\n    Use the **search**.\n    It helps.\n\nAfter.\n";
    assert_eq!(convert_macros(text), "> **Tip:** Use the **search**.\n> It helps.\n\nAfter.\n");
    let keyboard = "!!! keyboard_tip \"\"\n    Press `n`.\n";
    assert_eq!(convert_macros(keyboard), "> **Keyboard tip:** Press `n`.\n\n");
    let warn = "!!! warn \"\"\n    * one\n";
    assert_eq!(convert_macros(warn), "> **Warning:**\n>\n> * one\n\n");
}

#[test]
fn indented_admonitions_stay_in_their_list_item() {
    let text = "1. Step\n\n    !!! note \"Heads up\"\n\n        Careful.\n";
    assert_eq!(convert_macros(text), "1. Step\n\n    > **Heads up:** Careful.\n\n");
}

#[test]
fn lone_generated_macros_are_dropped_but_braces_in_code_stay() {
    assert_eq!(convert_macros("A\n{generated_table}\nB `{id}`\n"), "A\n\nB `{id}`\n");
}
