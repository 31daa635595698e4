use anyhow::Context;
use clap::Parser;

use std::io::{BufRead, IsTerminal};
use std::sync::atomic::AtomicBool;

use mmn_portal::accounts::Actor;
use mmn_portal::accounts::manage::{NewAccount, create_account};
use mmn_portal::cli::{Cli, Command, UserCommand};
use mmn_portal::config::Config;
use mmn_portal::data_dir::DataDir;
use mmn_portal::db::Db;
use mmn_portal::db::{DbOptions, backup, migrations};
use mmn_portal::demo;
use mmn_portal::media::store::MediaStore;
use mmn_portal::startup::Application;
use mmn_portal::telemetry;

fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    telemetry::init();
    let data_dir = DataDir::new(&cli.data_dir);
    match cli.command {
        None => serve(Config::from_args(cli.data_dir, cli.serve)),
        Some(Command::Serve(args)) => serve(Config::from_args(cli.data_dir, args)),
        Some(Command::Migrate) => {
            data_dir.create()?;
            migrations::migrate(&data_dir.database(), DbOptions::default().busy_timeout)?;
            Ok(())
        }
        Some(Command::Backup { file }) => {
            backup::backup(&data_dir.database(), &file)?;
            eprintln!("Backup written to {}", file.display());
            Ok(())
        }
        Some(Command::Seed { activities }) => seed(&data_dir, activities),
        Some(Command::User(UserCommand::Add {
            email,
            role,
            organization,
            name,
        })) => {
            let password = password_from_stdin()?;
            let account = NewAccount {
                email,
                display_name: name,
                role,
                organization,
                password,
            };
            match add_user(&data_dir, account) {
                Ok(()) => Ok(()),
                Err(message) => {
                    eprintln!("{message}");
                    std::process::exit(1);
                }
            }
        }
    }
}

/// `seed`: the demo content into a brand-new database, then `count` synthetic activities.
fn seed(data_dir: &DataDir, count: usize) -> anyhow::Result<()> {
    data_dir.create()?;
    let (db, created) = Db::open(&data_dir.database(), &DbOptions::default())?;
    if created {
        let media = MediaStore::new(data_dir.media());
        demo::fill(&db, &media, chrono_tz::Asia::Bangkok)?;
    }
    let started = std::time::Instant::now();
    let seeded = demo::seed::add(&db, count)?;
    eprintln!(
        "Added {} activities with {} photos in {:.1} s",
        seeded.activities,
        seeded.photos,
        started.elapsed().as_secs_f64()
    );
    // As a running portal does once a day, so that a benchmark measures the index as it
    // is most of the time rather than straight after a bulk load.
    let started = std::time::Instant::now();
    let steps = mmn_portal::search::maintenance::compact(&db, &AtomicBool::new(false))?;
    eprintln!(
        "Compacted the search index in {steps} steps, {:.1} s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// The first line of stdin, when stdin is not a terminal and has one.
fn password_from_stdin() -> anyhow::Result<Option<String>> {
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        return Ok(None);
    }
    let mut line = String::new();
    stdin.lock().read_line(&mut line)?;
    let line = line.trim_end_matches(['\n', '\r']).to_owned();
    Ok((!line.is_empty()).then_some(line))
}

fn add_user(data_dir: &DataDir, account: NewAccount) -> Result<(), String> {
    let catalog = mmn_portal::i18n::Catalog::for_language("en");
    actix_web::rt::System::new().block_on(async move {
        data_dir.create().map_err(|e| format!("{e:#}"))?;
        let (db, _) =
            Db::open(&data_dir.database(), &DbOptions::default()).map_err(|e| format!("{e:#}"))?;
        let email = account.email.clone();
        match create_account(&db, Actor::system(), account)
            .await
            .map_err(|e| e.to_string())?
        {
            Ok(Some(c)) => {
                println!("Account: {}  one-time password: {}", c.email, c.password);
                Ok(())
            }
            Ok(None) => {
                eprintln!("Account {email} created.");
                Ok(())
            }
            Err(errors) => Err([errors.email, errors.password, errors.organization]
                .into_iter()
                .flatten()
                .map(|id| catalog.message(id).into_owned())
                .collect::<Vec<_>>()
                .join("\n")),
        }
    })
}

fn serve(config: Config) -> anyhow::Result<()> {
    actix_web::rt::System::new().block_on(async move {
        let app = Application::build(config)?;
        if let Some(c) = app.one_time_credentials() {
            // The one line on stdout, bare, for whoever starts the portal the first time.
            println!(
                "Secretariat account: {}  one-time password: {}",
                c.email, c.password
            );
        }
        app.run_until_stopped()
            .await
            .context("server stopped with an error")
    })
}
