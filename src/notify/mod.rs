//! E-mail notifications, when an SMTP server is configured: never required to use the
//! portal, never blocking a request. Handlers queue a message after their transaction
//! committed; a thread of its own sends it, retrying, and logs what it could not send.

use std::sync::mpsc::{self, Receiver, Sender};
use std::time::Duration;

use lettre::message::{Mailbox, header::ContentType};
use lettre::{Message, SmtpTransport, Transport};

/// One e-mail to send.
#[derive(Debug, Clone)]
pub struct Mail {
    pub to: Vec<String>,
    pub subject: String,
    pub body: String,
}

/// Where handlers hand over mail; does nothing without an SMTP server.
#[derive(Clone, Debug, Default)]
pub struct Mailer {
    queue: Option<Sender<Mail>>,
}

/// The SMTP settings: `smtp://host:port` (plain, for a relay on the same host or network)
/// and the sender address.
#[derive(Clone, Debug)]
pub struct SmtpSettings {
    pub url: String,
    pub from: String,
}

const ATTEMPTS: u32 = 4;

impl Mailer {
    /// A mailer that sends through `settings`, or one that drops everything when `None`.
    pub fn start(settings: Option<SmtpSettings>) -> anyhow::Result<Mailer> {
        let Some(settings) = settings else {
            return Ok(Mailer::default());
        };
        // Plain SMTP to a relay (a local Postfix, say), which handles TLS onwards: no TLS
        // stack to build and keep patched here.
        let url = url::Url::parse(&settings.url)?;
        if url.scheme() != "smtp" {
            anyhow::bail!("--smtp-url must look like smtp://host:port (a local relay)");
        }
        let host = url
            .host_str()
            .ok_or_else(|| anyhow::anyhow!("--smtp-url has no host"))?;
        let transport = SmtpTransport::builder_dangerous(host)
            .port(url.port().unwrap_or(25))
            .timeout(Some(Duration::from_secs(10)))
            .build();
        let from: Mailbox = settings.from.parse()?;
        let (queue, receiver) = mpsc::channel();
        std::thread::Builder::new()
            .name("mailer".into())
            .spawn(move || send_all(&transport, &from, receiver))?;
        Ok(Mailer { queue: Some(queue) })
    }

    /// Whether mail goes anywhere.
    pub fn is_configured(&self) -> bool {
        self.queue.is_some()
    }

    /// Queues `mail`; returns at once.
    pub fn send(&self, mail: Mail) {
        if mail.to.is_empty() {
            return;
        }
        if let Some(queue) = &self.queue
            && queue.send(mail).is_err()
        {
            tracing::warn!("the mail thread has stopped; a notification was not sent");
        }
    }
}

fn send_all(transport: &SmtpTransport, from: &Mailbox, receiver: Receiver<Mail>) {
    for mail in receiver {
        for to in &mail.to {
            let message = match build(from, to, &mail) {
                Ok(m) => m,
                Err(e) => {
                    tracing::warn!(to, error = %e, "could not build a notification");
                    continue;
                }
            };
            let mut delay = Duration::from_millis(500);
            for attempt in 1..=ATTEMPTS {
                match transport.send(&message) {
                    Ok(_) => break,
                    Err(e) if attempt < ATTEMPTS => {
                        tracing::info!(to, attempt, error = %e, "notification not sent yet; retrying");
                        std::thread::sleep(delay);
                        delay *= 4;
                    }
                    Err(e) => tracing::warn!(to, error = %e, "notification not sent"),
                }
            }
        }
    }
}

fn build(from: &Mailbox, to: &str, mail: &Mail) -> anyhow::Result<Message> {
    Ok(Message::builder()
        .from(from.clone())
        .to(to.parse()?)
        .subject(&mail.subject)
        .header(ContentType::TEXT_PLAIN)
        .body(mail.body.clone())?)
}
