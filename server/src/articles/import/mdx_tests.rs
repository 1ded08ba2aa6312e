//! Unit tests for the MDX conversion, on small synthetic pages.

use super::*;
use crate::articles::import::markdown::tidy;

fn convert_in(root: &Path, text: &str) -> Result<String, PageError> {
    let mut includes = Includes::new(root);
    let page = root.join("articles/page.mdx");
    convert(text, &page, &mut includes, &mut vec![page.clone()]).map(|body| tidy(&body))
}

fn convert_alone(text: &str) -> String {
    let root = std::env::temp_dir().join("helpline-mdx-test-without-files");
    convert_in(&root, text).unwrap_or_else(|error| format!("error: {error}"))
}

#[test]
fn component_tags_are_dropped_and_their_content_dedented() {
    let text = "<Steps>\n  <Step title=\"Sign up\">\n    Create an account.\n\n    - with a list\n  </Step>\n  \
                <Step title=\"Sell\">\n    Add a product.\n  </Step>\n</Steps>\n";
    assert_eq!(
        convert_alone(text),
        "**1. Sign up**\n\nCreate an account.\n\n- with a list\n\n**2. Sell**\n\nAdd a product.\n"
    );
}

#[test]
fn cards_keep_their_title_as_a_link() {
    let text = "<CardGroup cols={2}>\n  <Card\n    title=\"Refunds\"\n    icon=\"money\"\n    href=\"/refunds\"\n  >\n    \
                Give money back.\n  </Card>\n  <Card title=\"Plain\" icon=\"x\">\n    Text.\n  </Card>\n</CardGroup>\n";
    assert_eq!(convert_alone(text), "**[Refunds](/refunds)**\n\nGive money back.\n\n**Plain**\n\nText.\n");
}

#[test]
fn callouts_become_labelled_blockquotes() {
    let text =
        "Intro.\n\n<Note>\n  Keep **this** in mind.\n\n  Second paragraph.\n</Note>\n\n<Warning>One line.</Warning>\n";
    assert_eq!(
        convert_alone(text),
        "Intro.\n\n> **Note:** Keep **this** in mind.\n>\n> Second paragraph.\n\n> **Warning:** One line.\n"
    );
}

#[test]
fn code_fences_inside_components_are_kept_whole() {
    let text = "<Tabs>\n  <Tab title=\"Node\">\n    ```ts\n    import { Polar } from \"@polar-sh/sdk\";\n    \
                const x = <Checkout />;\n    ```\n  </Tab>\n</Tabs>\n";
    assert_eq!(
        convert_alone(text),
        "**Node**\n\n```ts\nimport { Polar } from \"@polar-sh/sdk\";\nconst x = <Checkout />;\n```\n"
    );
}

#[test]
fn inline_code_that_mentions_a_component_is_left_alone() {
    assert_eq!(convert_alone("Use the `<Checkout />` component.\n"), "Use the `<Checkout />` component.\n");
}

#[test]
fn package_imports_and_exports_are_removed() {
    let text = "import { Thing } from \"@acme/ui\";\nexport const meta = {\n  a: 1,\n};\n\nText <Thing /> here.\n";
    assert_eq!(convert_alone(text), "Text  here.\n");
}

#[test]
fn snippet_imports_are_replaced_by_the_snippet_text() -> anyhow::Result<()> {
    let root = tempfile::tempdir()?;
    std::fs::create_dir_all(root.path().join("include/usage"))?;
    std::fs::write(root.path().join("include/usage/meters.mdx"), "Meters <Tip>count things</Tip>.\n")?;
    let text = "import Meters from \"/snippets/usage/meters.mdx\";\n\n## Meters\n\n<Meters />\n";
    assert_eq!(convert_in(root.path(), text)?, "## Meters\n\nMeters **Tip:** count things.\n");
    Ok(())
}

#[test]
fn a_missing_snippet_is_an_error_naming_it() -> anyhow::Result<()> {
    let root = tempfile::tempdir()?;
    let error = convert_in(root.path(), "import A from \"/snippets/a.mdx\";\n<A />\n").err().map(|e| e.to_string());
    assert_eq!(error.as_deref(), Some("include \"/snippets/a.mdx\" not found"));
    Ok(())
}

#[test]
fn jsx_comments_are_removed() {
    assert_eq!(convert_alone("Before {/* hidden */} after.\n"), "Before  after.\n");
}

#[test]
fn placeholders_in_angle_brackets_are_not_components() {
    assert_eq!(convert_alone("Replace <YOUR_KEY> and <TOKEN>.\n"), "Replace <YOUR_KEY> and <TOKEN>.\n");
}
