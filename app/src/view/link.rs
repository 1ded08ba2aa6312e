//! Links to places in the console. They carry the place's real address, so an agent
//! can copy one or open it in a new tab; a plain click goes there in place.

use leptos::ev::MouseEvent;

use crate::dom;

/// The click handler of such a link: runs `go` for a plain click and leaves any other
/// click (with a modifier, or the middle button) to the browser.
pub fn in_place(go: impl Fn() + Send + Sync + 'static) -> impl Fn(MouseEvent) + Send + Sync + 'static {
    move |event: MouseEvent| {
        if dom::is_plain_click(&event) {
            event.prevent_default();
            go();
        }
    }
}
