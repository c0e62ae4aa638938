//! Issuers and credentials: the bodies of the pallet's calls, the counts of valid credentials
//! per role, and what makes a credential valid.

use crate::{pallet::*, types::*, ConsumerClass, Loa, Role, RoleSet};
use frame_support::pallet_prelude::*;
use frame_system::pallet_prelude::*;
use sp_runtime::traits::{One, Saturating};

impl<T: Config> Pallet<T> {
    pub(crate) fn do_add_issuer(
        issuer: T::AccountId,
        roles: &[Role],
        max_loa: Loa,
    ) -> DispatchResult {
        ensure!(!roles.is_empty(), Error::<T>::NoRoles);
        ensure!(
            !Issuers::<T>::contains_key(&issuer),
            Error::<T>::AlreadyIssuer
        );
        let generation = NextIssuerGeneration::<T>::mutate(|g| {
            let current = *g;
            *g = g.wrapping_add(1);
            current
        });
        let roles = RoleSet::from_roles(roles);
        GenerationIssuer::<T>::insert(generation, &issuer);
        Issuers::<T>::insert(
            &issuer,
            IssuerInfo {
                roles,
                max_loa,
                generation,
                added_at: frame_system::Pallet::<T>::block_number(),
            },
        );
        Self::deposit_event(Event::IssuerAdded {
            issuer,
            roles,
            max_loa,
        });
        Ok(())
    }

    pub(crate) fn do_issue(
        issuer: &T::AccountId,
        subject: T::AccountId,
        role: Role,
        loa: Loa,
        class: Option<ConsumerClass>,
        expires_at: Option<BlockNumberFor<T>>,
        evidence_hash: EvidenceHash,
    ) -> DispatchResult {
        let info = Issuers::<T>::get(issuer).ok_or(Error::<T>::NotIssuer)?;
        ensure!(*issuer != subject, Error::<T>::SelfIssuance);
        ensure!(info.roles.contains(role), Error::<T>::RoleNotAllowed);
        ensure!(loa <= info.max_loa, Error::<T>::LoaTooHigh);
        match (role, class) {
            (Role::DataConsumer, None) => return Err(Error::<T>::ConsumerClassRequired.into()),
            (Role::DataConsumer, Some(_)) | (_, None) => {}
            (_, Some(_)) => return Err(Error::<T>::ConsumerClassNotApplicable.into()),
        }
        let now = frame_system::Pallet::<T>::block_number();
        if let Some(expiry) = expires_at {
            ensure!(expiry > now, Error::<T>::ExpiryNotInFuture);
        }
        if let Some(existing) = Credentials::<T>::get(&subject, role) {
            ensure!(
                !Self::is_valid(&existing, now),
                Error::<T>::CredentialExists
            );
            Self::remove_credential(&subject, role);
        }
        if role == Role::DataOwner && !KeptAlive::<T>::contains_key(&subject) {
            // The credential makes the account exist, whatever its balance, for good.
            frame_system::Pallet::<T>::inc_sufficients(&subject);
            KeptAlive::<T>::insert(&subject, ());
        }
        if let (Role::DataOwner, Some(expiry)) = (role, expires_at) {
            Self::schedule_owner_expiry(&subject, expiry)?;
        }
        Self::count(issuer, info.generation, role, expires_at, true);
        Credentials::<T>::insert(
            &subject,
            role,
            Credential {
                issuer: issuer.clone(),
                issuer_generation: info.generation,
                loa,
                class,
                issued_at: now,
                expires_at,
                evidence_hash,
            },
        );
        if role == Role::DataOwner {
            IssuedOwners::<T>::insert(info.generation, &subject, ());
            if Lapsed::<T>::contains_key(&subject) {
                // Its consents count again from the next block.
                Self::book_standing(&subject)?;
            }
        }
        Self::deposit_event(Event::CredentialIssued {
            subject,
            role,
            issuer: issuer.clone(),
            loa,
            class,
            expires_at,
            evidence_hash,
        });
        Ok(())
    }

    /// Whether `c` is in the counts: its issuer generation still approved, and its end of
    /// validity (if any) not yet taken off by `on_initialize`.
    pub(crate) fn counted(c: &CredentialOf<T>, role: Role) -> bool {
        let approved = GenerationIssuer::<T>::contains_key(c.issuer_generation);
        approved
            && c.expires_at.is_none_or(|e| {
                Expiring::<T>::contains_key(
                    e.saturating_add(One::one()),
                    (c.issuer_generation, role),
                )
            })
    }

    /// Counts a valid credential in (`add`) or out of the KPI counts.
    pub(crate) fn count(
        issuer: &T::AccountId,
        generation: u32,
        role: Role,
        expires_at: Option<BlockNumberFor<T>>,
        add: bool,
    ) {
        let step = |c: &mut u32| {
            *c = if add {
                c.saturating_add(1)
            } else {
                c.saturating_sub(1)
            }
        };
        ValidCount::<T>::mutate(role, step);
        IssuerCount::<T>::mutate(issuer, role, step);
        if let Some(expiry) = expires_at {
            let end = expiry.saturating_add(One::one());
            Expiring::<T>::mutate_exists(end, (generation, role), |c| {
                let mut n = c.unwrap_or(0);
                step(&mut n);
                *c = (n > 0).then_some(n);
            });
        }
    }

    pub(crate) fn remove_credential(subject: &T::AccountId, role: Role) {
        if let Some(c) = Credentials::<T>::take(subject, role) {
            if Self::counted(&c, role) {
                Self::count(&c.issuer, c.issuer_generation, role, c.expires_at, false);
            }
            if role == Role::DataOwner {
                Self::forget_owner(subject, &c);
            }
        }
    }

    /// Whether `credential` is valid at block `now`: issuer still approved with the same
    /// generation, and not expired (valid up to and including `expires_at`).
    pub fn is_valid(credential: &CredentialOf<T>, now: BlockNumberFor<T>) -> bool {
        let issuer_ok = Issuers::<T>::get(&credential.issuer)
            .is_some_and(|i| i.generation == credential.issuer_generation);
        let unexpired = credential.expires_at.is_none_or(|e| now <= e);
        issuer_ok && unexpired
    }

    /// `who`'s valid credential for `role`, if any.
    pub fn valid_credential(who: &T::AccountId, role: Role) -> Option<CredentialOf<T>> {
        let now = frame_system::Pallet::<T>::block_number();
        Credentials::<T>::get(who, role).filter(|c| Self::is_valid(c, now))
    }
}
