//! The workspace's agents as routing sees them: who is available, with what capacity
//! and in which teams; each agent sets their own status, admins the rest (role,
//! capacity, teams, deactivation). Invitations are in `team.rs`.

use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, patch, put};
use protocol::api::Role;
use protocol::inbox::{AgentAvailability, AgentStatus, AssignReason, MAX_CAPACITY, SetAgentStatus, UpdateAgent};
use protocol::tickets::Team;

use super::extract::{ApiJson, ApiPath};
use crate::auth::CurrentAgent;
use crate::error::ApiError;
use crate::http::access::admin_did;
use crate::language::{say, say_with};
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/agents", get(list_agents))
        .route("/api/v1/agents/me/status", put(set_my_status))
        .route("/api/v1/agents/{id}", patch(update_agent))
}

async fn list_agents(
    State(state): State<AppState>,
    current: CurrentAgent,
) -> Result<ApiJson<Vec<AgentAvailability>>, ApiError> {
    let workspace_id = current.agent.workspace_id;
    let online = state.hub.online_agents(workspace_id);
    let agents = state.store.agents_routing(workspace_id).await?;
    Ok(ApiJson(
        agents
            .into_iter()
            .map(|(agent, teams)| AgentAvailability {
                online: online.contains(&agent.id),
                id: agent.id,
                name: agent.name,
                email: agent.email,
                role: if agent.role == "admin" { Role::Admin } else { Role::Agent },
                status: agent.status.parse().unwrap_or(AgentStatus::Online),
                capacity: u32::try_from(agent.capacity).unwrap_or(0),
                open_chats: u32::try_from(agent.open_chats).unwrap_or(0),
                teams,
                deactivated: agent.deactivated_at.is_some(),
            })
            .collect(),
    ))
}

async fn set_my_status(
    State(state): State<AppState>,
    current: CurrentAgent,
    ApiJson(body): ApiJson<SetAgentStatus>,
) -> Result<StatusCode, ApiError> {
    state.store.set_agent_status(current.agent.id, body.status).await?;
    if body.status == AgentStatus::Online {
        state.queue.route_waiting(current.agent.workspace_id).await?;
    }
    Ok(StatusCode::NO_CONTENT)
}

async fn update_agent(
    State(state): State<AppState>,
    current: CurrentAgent,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<UpdateAgent>,
) -> Result<StatusCode, ApiError> {
    if current.agent.role != Role::Admin {
        return Err(ApiError::Forbidden("only admins change agents"));
    }
    let workspace_id = current.agent.workspace_id;
    let agent = state
        .store
        .agent(id)
        .await?
        .filter(|agent| agent.workspace_id == workspace_id)
        .ok_or(ApiError::NotFound("agent"))?;
    if body.capacity.is_some_and(|capacity| capacity > MAX_CAPACITY) {
        return Err(ApiError::FieldRefused {
            field: "capacity",
            message: say_with("capacity-range", &[("max", MAX_CAPACITY.into())]),
        });
    }
    let demoted = body.role == Some(Role::Agent) && agent.role == Role::Admin;
    let deactivating = body.deactivated == Some(true) && agent.deactivated_at.is_none();
    if id == current.agent.id && (demoted || deactivating) {
        return Err(ApiError::FieldRefused {
            field: if demoted { "role" } else { "deactivated" },
            message: say("own-admin-rights"),
        });
    }
    if (demoted || deactivating) && agent.role == Role::Admin && state.store.active_admins(workspace_id).await? <= 1 {
        return Err(ApiError::FieldRefused {
            field: if demoted { "role" } else { "deactivated" },
            message: say("last-admin"),
        });
    }
    let mut teams: Option<Vec<Team>> = body.teams;
    if let Some(teams) = teams.as_mut() {
        teams.sort_by_key(|team| team.as_str());
        teams.dedup();
    }
    state.store.set_agent_routing(id, body.capacity, teams.as_deref()).await?;
    if let Some(role) = body.role.filter(|role| *role != agent.role) {
        state.store.set_agent_role(id, role).await?;
        let summary = format!("Changed {}'s role", agent.name);
        let (was, now) = (role_name(agent.role), role_name(role));
        admin_did(&state, &current, "agent.role", &summary, Some(was), Some(now)).await?;
    }
    match body.deactivated {
        // Their sessions end here; their sockets close within seconds (each checks its
        // sign-in), and their open chats go back to the queue now.
        Some(true) if deactivating => {
            state.store.set_agent_deactivated(&agent.email, Some(state.clock.now())).await?;
            let summary = format!("Deactivated {} ({})", agent.name, agent.email);
            admin_did(&state, &current, "agent.deactivated", &summary, None, None).await?;
            state.queue.release(id, AssignReason::AssigneeDeactivated).await?;
        }
        Some(false) if agent.deactivated_at.is_some() => {
            state.store.set_agent_deactivated(&agent.email, None).await?;
            let summary = format!("Reactivated {} ({})", agent.name, agent.email);
            admin_did(&state, &current, "agent.reactivated", &summary, None, None).await?;
        }
        _ => {}
    }
    // More room, or a new team, may take waiting chats.
    state.queue.route_waiting(workspace_id).await?;
    Ok(StatusCode::NO_CONTENT)
}

fn role_name(role: Role) -> &'static str {
    match role {
        Role::Admin => "admin",
        Role::Agent => "agent",
    }
}
