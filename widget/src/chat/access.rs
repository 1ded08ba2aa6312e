//! Support access as the socket tells it: the verified user's active grant and the
//! agents' requests waiting, for the home's entry and for the loader, which shows the
//! launcher's indicator on later pages without a click; and the host's
//! `Helpline('revokeAccess')`. The screen itself (`crate::access`) is a lazy module.

use leptos::prelude::*;
use leptos::task::spawn_local;
use protocol::access::AccessBrief;

use super::Chat;
use crate::api;
use crate::host::ToHost;

impl Chat {
    /// The socket said how the user's support access stands (on connecting, and after
    /// every change, on any device or by expiry).
    pub(super) fn access_known(self, brief: AccessBrief) {
        let Some(runtime) = self.runtime() else {
            return;
        };
        if self.access.with_untracked(|known| *known != Some(brief)) {
            self.access.set(Some(brief));
            runtime.host.post(&ToHost::Access { level: brief.level, until: brief.until });
        }
        if runtime.revoke_pending.replace(false) {
            self.revoke_access();
        }
    }

    /// The host asked to revoke support access: the active grant is revoked now, or as
    /// soon as the socket says which it is. The change comes back as an `access` frame.
    pub(super) fn revoke_access(self) {
        let Some(runtime) = self.runtime() else {
            return;
        };
        match (self.access.get_untracked(), self.token()) {
            (Some(AccessBrief { grant_id: Some(grant_id), .. }), Some(token)) => spawn_local(async move {
                if api::revoke_access(&token, grant_id).await.is_err() {
                    web_sys::console::warn_1(&"Helpline: revoking support access failed; try again".into());
                }
            }),
            // Known, and nothing to revoke.
            (Some(_), Some(_)) => {}
            _ => runtime.revoke_pending.set(true),
        }
    }
}
