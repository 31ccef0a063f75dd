//! Which workflow move an action makes on an item for a caller: the one
//! rule `transition` enforces and `Content.availableActions` lists.

use std::collections::BTreeMap;

use crate::content::items::model::ContentItem;
use crate::content::workflow::model::Transition;
use crate::error::AppError;
use crate::rbac::principal::Principal;

/// The move `action` makes on `item` for `principal`, chosen from `rows`
/// (every row of that action in the item's workflow, at least one), or why
/// there is none. The comment is checked by the caller: it is input, not
/// a property of the item.
pub(crate) fn choose<'a, I>(
    rows: I,
    principal: &Principal,
    item: &ContentItem,
    action: &str,
) -> Result<&'a Transition, AppError>
where
    I: IntoIterator<Item = &'a Transition>,
    I::IntoIter: Clone,
{
    let rows = rows.into_iter();
    let user = principal.user()?;
    let allowed = |t: &Transition| {
        principal.require(&t.permission).is_ok()
            || t.own_permission
                .as_deref()
                .is_some_and(|own| principal.require(own).is_ok() && item.author_id == user.user_id)
    };
    if !rows.clone().any(allowed) {
        let needed = rows
            .clone()
            .next()
            .map(|t| t.permission.as_str())
            .unwrap_or_default();
        return Err(AppError::Forbidden(format!(
            "{action} needs the {needed} permission"
        )));
    }
    if item.deleted_at.is_some() {
        return Err(AppError::Conflict(
            "the item is in the trash; restore it first".into(),
        ));
    }
    let Some(transition) = rows.clone().find(|t| t.from_status == item.status) else {
        return Err(AppError::Conflict(format!(
            "cannot {action} an item that is {}",
            item.status
        )));
    };
    if !allowed(transition) {
        return Err(AppError::Forbidden(format!(
            "{action} from {} needs the {} permission",
            item.status, transition.permission
        )));
    }
    if transition.requires_live && item.live_version.is_none() {
        return Err(AppError::Conflict("nothing of this item is live".into()));
    }
    Ok(transition)
}

/// Every move `principal` may make on `item` now, one per action, ordered
/// by action: `rows` are all the rows of the item's workflow.
pub(crate) fn available<'a>(
    rows: &'a [Transition],
    principal: &Principal,
    item: &ContentItem,
) -> Vec<&'a Transition> {
    let mut by_action: BTreeMap<&str, Vec<&Transition>> = BTreeMap::new();
    for row in rows {
        by_action.entry(row.action.as_str()).or_default().push(row);
    }
    by_action
        .into_iter()
        .filter_map(|(action, rows)| choose(rows.iter().copied(), principal, item, action).ok())
        .collect()
}
