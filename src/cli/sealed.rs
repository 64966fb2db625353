//! Backups that can leave the building: `backup --encrypt-to RECIPIENT`
//! wraps the backup in the age format (X25519 recipients, `age1...`), and
//! `restore --identity FILE` opens it with the matching identity file. The
//! backup inside is the store's own format, checksum and all, so a restored
//! file is checked exactly as an unencrypted one.

use std::io::{Read, Write};
use std::path::Path;

use super::{Failure, say};

/// How every age file begins.
const AGE_MAGIC: &[u8] = b"age-encryption.org/";

/// The recipients a backup is encrypted to, parsed before anything is written.
pub struct Recipients(Vec<age::x25519::Recipient>);

impl Recipients {
    /// Each `--encrypt-to` value as an age X25519 public key.
    pub fn parse(typed: &[String]) -> Result<Recipients, Failure> {
        typed
            .iter()
            .map(|t| {
                t.trim().parse::<age::x25519::Recipient>().map_err(|_| {
                    Failure::usage(say::tf("backup-bad_recipient", &[("text", &t.trim())]))
                })
            })
            .collect::<Result<Vec<_>, _>>()
            .map(Recipients)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Runs `write` on `out`, through age encryption when there are
    /// recipients (the age stream is finished before this returns).
    pub fn write_to<T>(
        &self,
        out: &mut dyn Write,
        write: impl FnOnce(&mut dyn Write) -> std::io::Result<T>,
    ) -> std::io::Result<T> {
        if self.0.is_empty() {
            return write(out);
        }
        let encryptor =
            age::Encryptor::with_recipients(self.0.iter().map(|r| r as &dyn age::Recipient))
                .map_err(std::io::Error::other)?;
        let mut sealed = encryptor.wrap_output(out)?;
        let value = write(&mut sealed)?;
        sealed.finish()?.flush()?;
        Ok(value)
    }
}

/// Whether a backup file is age-encrypted.
pub fn is_sealed(bytes: &[u8]) -> bool {
    bytes.starts_with(AGE_MAGIC)
}

/// The backup inside `bytes`: as given when it is not encrypted, else
/// decrypted with the identities of the file `identity`.
pub fn open(file: &Path, bytes: Vec<u8>, identity: Option<&Path>) -> Result<Vec<u8>, Failure> {
    if !is_sealed(&bytes) {
        return Ok(bytes);
    }
    let Some(identity) = identity else {
        return Err(Failure::usage(say::tf(
            "restore-needs_identity",
            &[("file", &file.display())],
        )));
    };
    let text = std::fs::read(identity).map_err(|e| Failure::file(identity, &e))?;
    let bad_identity = || {
        Failure::usage(say::tf(
            "restore-bad_identity",
            &[("identity", &identity.display())],
        ))
    };
    let identities = age::IdentityFile::from_buffer(text.as_slice())
        .ok()
        .and_then(|f| f.into_identities().ok())
        .filter(|ids| !ids.is_empty())
        .ok_or_else(bad_identity)?;
    let damaged = || Failure::usage(say::tf("restore-damaged", &[("file", &file.display())]));
    let decryptor = age::Decryptor::new_buffered(bytes.as_slice()).map_err(|_| damaged())?;
    let mut reader = decryptor
        .decrypt(identities.iter().map(|i| i.as_ref() as &dyn age::Identity))
        .map_err(|e| match e {
            age::DecryptError::NoMatchingKeys => Failure::usage(say::tf(
                "restore-wrong_identity",
                &[("file", &file.display()), ("identity", &identity.display())],
            )),
            _ => damaged(),
        })?;
    let mut plain = Vec::new();
    reader.read_to_end(&mut plain).map_err(|_| damaged())?;
    Ok(plain)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sealed_bytes_open_only_with_the_right_identity() {
        let key = age::x25519::Identity::generate();
        let other = age::x25519::Identity::generate();
        let recipients = Recipients::parse(&[key.to_public().to_string()]).unwrap();
        let mut out = Vec::new();
        recipients
            .write_to(&mut out, |w| w.write_all(b"QYZMET-BACKUP-1\nbody"))
            .unwrap();
        assert!(is_sealed(&out));
        assert!(!out.windows(4).any(|w| w == b"body"), "plaintext leaked");
        let dir = tempfile::tempdir().unwrap();
        let right = dir.path().join("right.key");
        let wrong = dir.path().join("wrong.key");
        use age::secrecy::ExposeSecret;
        std::fs::write(&right, key.to_string().expose_secret()).unwrap();
        std::fs::write(&wrong, other.to_string().expose_secret()).unwrap();
        let file = Path::new("b.qzb");
        let plain = open(file, out.clone(), Some(&right)).unwrap();
        assert_eq!(plain, b"QYZMET-BACKUP-1\nbody");
        assert!(open(file, out.clone(), Some(&wrong)).is_err());
        assert!(open(file, out, None).is_err());
        assert!(Recipients::parse(&["age1nonsense".into()]).is_err());
    }
}
