//! The server's host key and the clients' authorized keys.

use std::path::{Path, PathBuf};

use russh::keys::ssh_key::{self, AuthorizedKeys, HashAlg, LineEnding};
use russh::keys::{Algorithm, PrivateKey, PublicKey};

/// A key file that could not be read or written, with the cause.
#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error("cannot read the host key {}", path.display())]
    ReadHostKey {
        path: PathBuf,
        #[source]
        source: ssh_key::Error,
    },
    #[error("cannot create the directory {}", path.display())]
    CreateDir {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot generate a host key")]
    Generate(#[source] ssh_key::Error),
    #[error("cannot write the host key {}", path.display())]
    WriteHostKey {
        path: PathBuf,
        #[source]
        source: ssh_key::Error,
    },
    #[error("cannot read {}", path.display())]
    ReadAuthorizedKeys {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{} is not an authorized_keys file", path.display())]
    NotAuthorizedKeys {
        path: PathBuf,
        #[source]
        source: ssh_key::Error,
    },
}

/// The default host key path: `$XDG_STATE_HOME/jx-dash/host_ed25519`, else
/// `~/.local/state/jx-dash/host_ed25519`, else `./jx-dash-host_ed25519`.
pub fn default_host_key_path() -> PathBuf {
    let state = std::env::var_os("XDG_STATE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/state")));
    state.map_or_else(
        || PathBuf::from("jx-dash-host_ed25519"),
        |dir| dir.join("jx-dash").join("host_ed25519"),
    )
}

/// Loads the host key, or creates an ed25519 key there (mode 0600) on first start, so
/// clients see the same fingerprint across restarts. Returns the key and whether it is new.
pub fn load_or_create_host_key(path: &Path) -> Result<(PrivateKey, bool), KeyError> {
    if path.exists() {
        let key = PrivateKey::read_openssh_file(path).map_err(|source| KeyError::ReadHostKey {
            path: path.to_path_buf(),
            source,
        })?;
        return Ok((key, false));
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|source| KeyError::CreateDir {
            path: dir.to_path_buf(),
            source,
        })?;
    }
    let key =
        PrivateKey::random(&mut rand::rng(), Algorithm::Ed25519).map_err(KeyError::Generate)?;
    // ssh-key writes private key files with mode 0600.
    key.write_openssh_file(path, LineEnding::LF)
        .map_err(|source| KeyError::WriteHostKey {
            path: path.to_path_buf(),
            source,
        })?;
    Ok((key, true))
}

/// `SHA256:...`, as `ssh` shows it when it first connects.
pub fn fingerprint(key: &PrivateKey) -> String {
    key.public_key().fingerprint(HashAlg::Sha256).to_string()
}

/// A client key's `SHA256:...` fingerprint, for the log.
pub fn public_fingerprint(key: &PublicKey) -> String {
    key.fingerprint(HashAlg::Sha256).to_string()
}

/// Reads an `authorized_keys` file (comments and options allowed).
pub fn read_authorized_keys(path: &Path) -> Result<Vec<PublicKey>, KeyError> {
    let path_buf = path.to_path_buf();
    let entries = AuthorizedKeys::read_file(path).map_err(|e| match e {
        ssh_key::Error::Io(kind) => KeyError::ReadAuthorizedKeys {
            path: path_buf,
            source: std::io::Error::from(kind),
        },
        source => KeyError::NotAuthorizedKeys {
            path: path_buf,
            source,
        },
    })?;
    Ok(entries
        .into_iter()
        .map(|e| e.public_key().clone())
        .collect())
}

/// Whether `key` is one of `keys` (compared by key material, not comment).
pub fn contains(keys: &[PublicKey], key: &PublicKey) -> bool {
    keys.iter().any(|k| k.key_data() == key.key_data())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_key_is_created_once_with_private_permissions() {
        let dir = std::env::temp_dir().join(format!("jx-dash-keys-{}", std::process::id()));
        let path = dir.join("nested/host_ed25519");
        let (first, created) = load_or_create_host_key(&path).unwrap();
        assert!(created);
        let (again, created) = load_or_create_host_key(&path).unwrap();
        assert!(!created);
        assert_eq!(fingerprint(&first), fingerprint(&again));
        assert!(fingerprint(&first).starts_with("SHA256:"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600);
        }
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn authorized_keys_are_read_and_matched() {
        let dir = std::env::temp_dir().join(format!("jx-dash-authkeys-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let alice = PrivateKey::random(&mut rand::rng(), Algorithm::Ed25519).unwrap();
        let mallory = PrivateKey::random(&mut rand::rng(), Algorithm::Ed25519).unwrap();
        let file = dir.join("authorized_keys");
        let line = alice.public_key().to_openssh().unwrap();
        std::fs::write(&file, format!("# presenters\n{line} alice@example\n")).unwrap();
        let keys = read_authorized_keys(&file).unwrap();
        assert_eq!(keys.len(), 1);
        assert!(contains(&keys, alice.public_key()));
        assert!(!contains(&keys, mallory.public_key()));
        let missing = read_authorized_keys(&dir.join("nope"))
            .unwrap_err()
            .to_string();
        assert!(missing.contains("nope"), "{missing}");
        std::fs::remove_dir_all(&dir).ok();
    }
}
