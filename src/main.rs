use anyhow::Context;
use clap::Parser;

use mmn_portal::cli::{Cli, Command};
use mmn_portal::config::Config;
use mmn_portal::data_dir::DataDir;
use mmn_portal::db::{DbOptions, backup, migrations};
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
    }
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
