//! `--help` in bokmål: the same commands and options as [`Cli`], their help texts
//! replaced from one table (every command and option has its entry; a test says so).

use clap::{Arg, ArgAction, CommandFactory};

use super::Cli;
use crate::lang::Lang;

/// Help texts in bokmål: (subcommand, or `""` for rapport itself; option id, or `""` for the
/// command's own description; text).
const NB: &[(&str, &str, &str)] = &[
    (
        "",
        "",
        "Setter en kommunes rapport fra datatabeller, Typst-oppsett og vektorgrafikk.\n\nAvslutningskoder: 0 i orden; 1 feil i rapportens kilder (data, tekst, oppsett); 2 feil i bruk, oppsett eller lesing og skriving av filer; 3 endringer funnet (`diff`).",
    ),
    (
        "",
        "project",
        "Prosjektmappen (med data/, layout/, fonts/, assets/); standard: denne mappen eller nærmeste mappe over den som har dem.",
    ),
    (
        "",
        "diagnostic_format",
        "Hvordan feil og advarsler skrives: `human` (med linjen det gjelder) eller `short` (én linje hver, `fil:linje:kolonne: alvor: melding`, for CI og editorer); standard: human.",
    ),
    ("", "lang", "Språket i meldinger og hjelp: `nb` (bokmål) eller `en` (engelsk); standard: fra LANG."),
    ("build", "", "Lager rapporten som PDF i out/ (hele utgaven, eller kapitler som egne hefter)."),
    ("build", "out", "Hvor PDF-en skrives; standard: out."),
    ("build", "chapter", "Lag bare dette kapitlet, som eget hefte (slug-en, f.eks. `okonomi`)."),
    ("build", "handouts", "Lag én PDF per kapittel i tillegg til hele rapporten."),
    (
        "build",
        "without_marks",
        "Utelat plassholderne for bilder og figurer som mangler, og la sidene lukke seg: for utdrag eller en skjerm-PDF uten dem (trykkfilen beholder dem, som et korrektur må).",
    ),
    (
        "build",
        "web",
        "Lag nettutgaven også: out/web/, en forside og én tilgjengelig HTML-side per kapittel, med PDF-en og et hefte per kapittel ved siden av.",
    ),
    (
        "build",
        "print",
        "Lag trykkfilen i stedet: out/<output>-trykk.pdf, med utfallende, skjæremerker, CMYK og sidetallet fylt opp (se `[print]` i edition.toml).",
    ),
    (
        "build",
        "output_intent",
        "Trykkeriets ICC-profil (CMYK): trykkfilen blir PDF/X-4. Overstyrer `output-intent` i `[print]`.",
    ),
    (
        "build",
        "allow_placeholders",
        "Skriv trykkfilen selv om den har plassholdere for bilder, figurer, kart eller grafer som mangler (et korrektur, ikke en jobb for trykkeriet).",
    ),
    (
        "check",
        "",
        "Kontrollerer utgavens data, tekst og oppsett, sjekker de ferdige sidene og melder alle feil; skriver ingenting.",
    ),
    ("check", "strict", "Regn sidesjekkens funn (sideflyt, kontrast, brutte tall) som feil."),
    (
        "check",
        "todo",
        "Vis alt som gjenstår i utgaven, i sin helhet og ordnet etter kapittel, med en sum: filer uendret fra `previous`, nøkkeltall uten tall, plassholdere for bilder som mangler, feil i dataene (`--diagnostic-format short`: én linje hver).",
    ),
    (
        "check",
        "all",
        "Sjekk alle ferdige utgaver i data/ (`status = \"final\"`) og hopp over utkastene ved navn; avslutter med 0 når alle ferdige utgaver består, 1 når én feiler (for CI).",
    ),
    (
        "check",
        "ssb",
        "Sammenlign tabellene som er importert fra SSB (`rapport import ssb`) med en nyere JSON-stat-fil av samme SSB-tabell, f.eks. `--ssb ssb-07984-2025.json` (gjenta for flere filer): hvert tall som er endret, vises med tabell, rad og kolonne, gammelt → nytt; skriver ingenting. Avslutter med 0 når ingenting er endret, 3 når tall er endret (som `rapport diff`).",
    ),
    (
        "list",
        "",
        "Viser utgavene i data/: hver med status (utkast eller ferdig), dato og tittel, standardutgaven merket, og kapitlene med slug og tittel.",
    ),
    (
        "completions",
        "",
        "Skriver skallets fullføringer for rapport til standard ut, f.eks. `rapport completions bash > ~/.local/share/bash-completion/completions/rapport`.",
    ),
    ("completions", "shell", "Skallet: `bash`, `zsh` eller `fish` (også `elvish`, `powershell`)."),
    ("fonts", "", "Viser skriftene rapporten kan bruke (bare de i fonts/) med egenskapene deres."),
    ("watch", "", "Lager PDF-en og lager den på nytt hver gang et oppsett, en datafil eller en ressurs endres."),
    ("watch", "out", "Hvor PDF-en skrives; standard: out."),
    (
        "watch",
        "web",
        "Vis også nettutgaven på denne maskinen (http://127.0.0.1:3000/ eller neste ledige port), lastet på nytt i nettleseren etter hver endring.",
    ),
    ("watch", "port", "Porten til `--web`-tjeneren; standard: den første ledige av 3000–3005."),
    ("watch", "chapter", "Følg bare dette kapitlet, som eget hefte (slug-en, f.eks. `okonomi`)."),
    (
        "proof",
        "",
        "Skriver PNG-forhåndsvisninger av alle SVG-ressurser (ikoner, kart) og et kontaktark, eller av valgte sider av skjerm-PDF-en, et kapittelhefte eller trykkfilen.",
    ),
    ("proof", "out", "Hvor PNG-ene skrives; standard: out/proof."),
    (
        "proof",
        "pages",
        "Vis disse sidene av skjerm-PDF-en (eller av kapittelheftet til `--chapter`) i stedet for ressursene, etter sidetallene som står trykt på dem, f.eks. `1,40-41`, og et kontaktark av dem som oppslag (spreads.png).",
    ),
    (
        "proof",
        "chapter",
        "Vis sidene i dette kapitlets hefte (slug-en, f.eks. `okonomi`): alle, eller dem i `--pages`, og oppslagene deres.",
    ),
    (
        "approve",
        "",
        "Lagrer skjerm-PDF-en slik den er nå som godkjent, i approved/<utgave>/: hver side i lav oppløsning, ordene på den, kapitlet og overskriften den står under, og tallene i tabellene på den.",
    ),
    (
        "diff",
        "",
        "Sammenligner skjerm-PDF-en slik den er nå med den godkjente (`rapport approve`): én linje per kapittel, så hver endret side med tallene og ordene som er endret; avslutningskode 3 når noe er endret (1 eller 2 når den ikke kunne sammenligne).",
    ),
    (
        "diff",
        "out",
        "Hvor rapporten skrives som nettside (index.html, uten andre filer): hver endret side godkjent og nå, side om side, med områdene som er endret markert; standard: out/diff.",
    ),
    (
        "diff",
        "against",
        "Sammenlign med en annen PDF (en fil som slutter på .pdf, f.eks. fjorårets trykte PDF eller en kollegas bygg; den bare leses) eller med en annen utgave slik den bygges nå, i stedet for den godkjente. Mot en PDF leses ordene og sidebildene ut av begge PDF-ene, og tallene i tabellene sammenlignes ikke.",
    ),
    (
        "proof",
        "print_pages",
        "Vis disse sidene av trykkfilen (laget i minnet) i stedet for ressursene, med utfallende og merker, etter sidetallene som står trykt på dem, f.eks. `1,40-41,134`.",
    ),
    (
        "proof",
        "ppi",
        "Oppløsningen på sidenes PNG-er, i piksler per tomme (10–600: en side med mer ville ta gigabyte); standard: 72.",
    ),
    (
        "archive",
        "",
        "Arkiverer en utgave (eller alle) som PDF/A-2a og PDF/UA-1 med et manifest over alt som gikk inn og ut, i out/archive/<id>/.",
    ),
    ("archive", "all", "Arkiver alle utgavene i data/, parallelt."),
    ("archive", "web", "Arkiver nettutgaven også, i archive/<id>/web/, med lenke til den arkiverte PDF-en."),
    ("archive", "attach_data", "Skriv PDF/A-3a med utgavens CSV-filer vedlagt som data."),
    ("archive", "out", "Mappen som archive/<id>/ skrives under; standard: out."),
    (
        "new-edition",
        "",
        "Starter neste utgave fra en som finnes: data kopiert, årene flyttet fram, nøkkeltallene tømt; `rapport check` viser så hva som gjenstår å fylle inn.",
    ),
    ("new-edition", "id", "Den nye utgavens id, navnet på mappen i data/, f.eks. `2024-2027`."),
    ("new-edition", "from", "Utgaven det startes fra."),
    (
        "new-edition",
        "period",
        "Den nye utgavens periode, f.eks. `2028-2031`, der id-en ikke sier den; årene følger slik utgaven det startes fra har dem (periode 2020-2023: årene 2019–2022).",
    ),
    (
        "preflight",
        "",
        "Kontrollerer en trykkfil slik et trykkeri gjør, og skriver en tabell over funnene; avslutningskode 1 ved feil. Uten FIL lages utgavens trykkfil (i minnet) og kontrolleres.",
    ),
    (
        "preflight",
        "file",
        "PDF-en som kontrolleres; standard: utgavens trykkfil, laget for kontrollen. En FIL holdes mot utgavens `[print]`-regler (`--edition`, standard den nyeste ferdige).",
    ),
    ("preflight", "output_intent", "Trykkeriets ICC-profil som trykkfilen lages med (se `build --print`)."),
    (
        "preflight",
        "allow_placeholders",
        "Godta en fil som fortsatt har plassholdere for bilder, figurer, kart eller grafer som mangler (et korrektur, ikke en jobb for trykkeriet).",
    ),
    (
        "import",
        "",
        "Lager filer til utgaven fra en annen kilde: `import ssb` en tabell fra Statistisk sentralbyrå (JSON-stat 2.0), `import docx` et kapittel fra Word, til gjennomsyn og innsjekking; den går aldri på nettet.",
    ),
    (
        "ssb",
        "",
        "Skriver en tabell-CSV i utgaven fra en JSON-stat 2.0-fil lagret fra SSBs PxWebApi v2 (`outputFormat=json-stat2`), med årene som kolonner, og skriver ut `::: table`-blokken som skal limes inn.",
    ),
    ("ssb", "file", "JSON-stat-filen, f.eks. `ssb-07984.json`."),
    (
        "ssb",
        "region",
        "Regionen: en kode (`3025`), eller koder slått sammen etter år (`3025:2020-2023,3203:2024-`); gjenta for flere regioner som rader. Standard: alle regionene i filen.",
    ),
    ("ssb", "out", "Hvor CSV-en skrives, i utgavens mappe; standard: `tables/ssb-<tabell>.csv`."),
    (
        "docx",
        "",
        "Skriver en kapittelfil i utgaven fra et Word-dokument (.docx): overskrifter, punktlister, fet skrift, sitater, tabeller som CSV-filer og bilder som bildefiler; lister det kapitlet ikke kan holde (kursiv, nummererte lister, fotnoter, kommentarer, sammenslåtte celler) og avviser sporede endringer som ikke er godtatt.",
    ),
    ("docx", "file", "Word-dokumentet, f.eks. `helse.docx`."),
    (
        "docx",
        "chapter",
        "Kapitlets kortnavn (`slug` i edition.toml: små bokstaver, sifre og `-`), f.eks. `okonomi`: teksten skrives til filen edition.toml oppgir for det, ellers `chapters/<kortnavn>.md`.",
    ),
    ("docx", "force", "Skriv over kapitlets filer hvis de finnes."),
    (
        "docx",
        "add",
        "Legg det nye kapitlet til i en del (`--part`, standard den siste) i edition.toml (skrevet ved siden av og så flyttet på plass; kommentarer og rekkefølge beholdes); avvises når kapitlet alt står der.",
    ),
    ("docx", "part", "Med --add: delen kapitlet legges til i, etter tittelen (standard: den siste delen)."),
    (
        "ssb",
        "add",
        "Legg SSBs kreditering til i `colophon` i edition.toml når den mangler (skrevet ved siden av og så flyttet på plass; kommentarer og rekkefølge beholdes).",
    ),
    ("ssb", "force", "Skriv over CSV-filen hvis den finnes."),
    (
        "*",
        "edition",
        "Utgaven: et mappenavn i data/; standard: den nyeste ferdige utgaven (`data/default` kan peke på en annen).",
    ),
];

/// rapport's command line, its help in `lang`.
pub fn command(lang: Lang) -> clap::Command {
    let command = Cli::command();
    match lang {
        Lang::En => command,
        Lang::Nb => in_bokmal(command, "", "rapport"),
    }
}

/// The bokmål text of `arg` (or the command's own, `""`) in subcommand `sub`.
pub fn text(sub: &str, arg: &str) -> Option<&'static str> {
    NB.iter()
        .find(|(s, a, _)| *s == sub && *a == arg)
        .or_else(|| NB.iter().find(|(s, a, _)| *s == "*" && *a == arg))
        .map(|(_, _, t)| *t)
}

/// `path`: the command line up to this command (`rapport import`), for its usage line.
fn in_bokmal(mut command: clap::Command, sub: &str, path: &str) -> clap::Command {
    if let Some(about) = text(sub, "") {
        let short = about.split("\n\n").next().unwrap_or(about);
        command = command.about(short).long_about(about);
    }
    let ids: Vec<String> = command.get_arguments().map(|a| a.get_id().to_string()).collect();
    for id in ids {
        if let Some(help) = text(sub, &id) {
            command = command.mut_arg(id, |arg| {
                // Values and defaults are in the bokmål text (clap would list them in English);
                // only an option that takes a value has them.
                let takes_value = arg.get_action().takes_values();
                let arg = arg.help(help).long_help(None::<&str>);
                if takes_value { arg.hide_possible_values(true).hide_default_value(true) } else { arg }
            });
        }
    }
    let subs: Vec<String> = command.get_subcommands().map(|s| s.get_name().to_string()).collect();
    for name in subs {
        let inner = if sub.is_empty() { path.to_string() } else { format!("{path} {sub}") };
        command = command.mut_subcommand(name.clone(), |s| in_bokmal(s, &name, &inner));
    }
    // clap's usage line in bokmål: its placeholders for options and commands are English.
    let usage = command.clone().render_usage().to_string();
    let usage = usage.trim().trim_start_matches("Usage:").trim();
    let usage = usage.replace("[OPTIONS]", "[VALG]").replace("<COMMAND>", "<KOMMANDO>");
    let usage = if sub.is_empty() || usage.starts_with("rapport ") { usage } else { format!("{path} {usage}") };
    command = command.override_usage(usage);
    let mut template = String::from("{about-with-newline}\nBruk: {usage}\n\n");
    if command.has_subcommands() {
        template.push_str("Kommandoer:\n{subcommands}\n\n");
    }
    if command.get_positionals().next().is_some() {
        template.push_str("Argumenter:\n{positionals}\n\n");
    }
    template.push_str("Valg:\n{options}{after-help}");
    command = command
        .help_template(template)
        .disable_help_flag(true)
        .disable_help_subcommand(true)
        .arg(Arg::new("help").short('h').long("help").action(ArgAction::Help).help("Viser denne hjelpen."));
    if sub.is_empty() {
        command = command
            .disable_version_flag(true)
            .arg(Arg::new("version").short('V').long("version").action(ArgAction::Version).help("Viser versjonen."));
    }
    command
}

#[cfg(test)]
mod tests {
    use super::*;

    // The bokmål command line passes clap's own consistency checks (which only debug
    // builds run when parsing).
    #[test]
    fn the_bokmal_command_line_is_consistent() {
        command(Lang::Nb).debug_assert();
        command(Lang::En).debug_assert();
    }

    // Every command and option has its bokmål help: a new option without one fails here.
    #[test]
    fn every_command_and_option_has_bokmal_help() {
        let command = Cli::command();
        let mut missing = Vec::new();
        let mut check = |sub: &str, command: &clap::Command| {
            if text(sub, "").is_none() {
                missing.push(format!("{sub}: about"));
            }
            for arg in command.get_arguments() {
                if text(sub, arg.get_id().as_str()).is_none() {
                    missing.push(format!("{sub}: --{}", arg.get_id()));
                }
            }
        };
        check("", &command);
        for sub in command.get_subcommands() {
            check(sub.get_name(), sub);
        }
        assert!(missing.is_empty(), "no bokmål help for {missing:?}");
    }
}
