//! The protocol target's seeds: one framed request of every kind, so the
//! fuzzer starts from well-formed messages.

use super::*;

/// One framed `ClientMsg` of every request, the protocol target's seeds
/// (`tests/fuzz_corpus.rs` writes them to the corpus and checks they decode).
pub fn protocol_seeds() -> Vec<Vec<u8>> {
    use crate::domain::catalog::Channel;
    use crate::domain::queue::{Outcome, OutcomeKind, PriorityReason, TransferTarget};
    use crate::ops::queue::QueueAct;
    use crate::ops::{ActKind, ActRequest, SubmitRequest};
    use crate::server::protocol::Request;
    let s = |t: &str| t.to_string();
    let centre = || s("KRG-SC");
    let submit = SubmitRequest {
        service: s("krg-34-17-guardian-allowance"),
        channel: Channel::StateCorp,
        iin: s("900101300007"),
        name: s("Иванов Иван"),
        phone: Some(s("+77010000000")),
        representative: None,
        org: None,
        documents: Some(vec![s("identity")]),
        district: Some(s("kazybek-bi")),
        expired: Vec::new(),
        notarised: false,
    };
    let act = ActRequest {
        comment: Some(s("ok")),
        version: Some(3),
        ..ActRequest::default()
    };
    let requests = vec![
        Request::HasUsers,
        Request::CreateDemo,
        Request::Login {
            login: s("operator"),
            password: s("qyzmet-demo"),
        },
        Request::Orgs,
        Request::Person {
            iin: s("900101300007"),
        },
        Request::Submit(submit),
        Request::Act {
            number: s("KRG-SC-2026-000001"),
            kind: ActKind::Complete,
            req: act,
        },
        Request::Queue,
        Request::Show {
            number: s("KRG-SC-2026-000001"),
        },
        Request::Specialists,
        Request::QueueConfig { centre: centre() },
        Request::QueueRevision { centre: centre() },
        Request::QueueTake {
            centre: centre(),
            category: 'А',
            priority: Some(PriorityReason::Elderly),
        },
        Request::QueueCheckIn {
            centre: centre(),
            code: s("1234"),
        },
        Request::QueueBoard { centre: centre() },
        Request::QueueDesk,
        Request::QueueAct(QueueAct::Sit(2)),
        Request::QueueAct(QueueAct::CallNext),
        Request::QueueAct(QueueAct::Finish(Outcome {
            kind: OutcomeKind::Consultation,
            application: None,
        })),
        Request::QueueAct(QueueAct::Transfer {
            to: TransferTarget::Category('B'),
            reason: s("wrong desk"),
        }),
        Request::QueueStats {
            centre: centre(),
            day: monday().date(),
        },
        Request::Cli {
            args: vec![s("person"), s("import"), s("-")],
            input: Some(b"iin,full_name\n900101300007,X\n".to_vec()),
        },
        // New entries go last: a seed's file name is its index.
        Request::DemoUsers,
        Request::StaffNames,
        Request::ChangePassword {
            current: s("qyzmet-demo"),
            new: s("steppe-wind-7"),
        },
    ];
    requests
        .into_iter()
        .enumerate()
        .map(|(id, request)| {
            let mut frame = Vec::new();
            let msg = ClientMsg {
                id: id as u64,
                request,
            };
            write_frame(&mut frame, &msg).expect("a request encodes");
            frame
        })
        .collect()
}
