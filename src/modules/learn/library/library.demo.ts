import PDFDocument from 'pdfkit';
import type { Actor } from '../../../platform/audit/index.ts';
import type { Platform } from '../../../platform/platform.ts';
import type { LibrarySubmissionInput } from './library.ts';
import { createLibraryServiceFor } from './library.wiring.ts';

/** One published demo document: its metadata, and the translations of its title and summary. */
interface DemoDocument extends LibrarySubmissionInput {
  /** Its id, fixed so that links to the demo's documents (and the browser suite) stay the same. */
  id: string;
  translations?: { language: string; title: string; abstract: string }[];
  /** Whether the demo makes a PDF of its full text (only for the demo authority's own texts). */
  hasOwnPdf?: boolean;
}

const UN_FREE = 'LicenseRef-reuse-with-acknowledgement';
const ITU_RIGHTS = 'all-rights-reserved';

const blank = { country: '', link: '', fullText: '' };

/** The demo authority's own decision: a fictional text of the demo jurisdiction, with its PDF made here. */
export const DEMO_DECISION: DemoDocument = {
  ...blank,
  id: 'demo-dca-decision-03-2026',
  title: 'Decision DCA/CP/03/2026 on itemised bills and data-use alerts',
  issuer: 'Demo Communications Authority',
  issued: '2026-09-15',
  language: 'en',
  type: 'decision',
  topic: 'billing',
  country: 'KE',
  licence: 'CC-BY-4.0',
  abstract:
    'Every mobile operator licensed in the demo jurisdiction must give its customers, free of charge and on request, an itemised record of calls, texts, data sessions and mobile-money fees for the last six months; send a text when 80 % and 100 % of a data bundle is used; and charge no data outside a bundle unless the customer asked for it. The decision follows the 2026 consultation on bill shock and applies from 1 January 2027.',
  fullText: [
    'The Demo Communications Authority, having consulted operators and consumer associations from March to May 2026 on unexpected bills ("bill shock"), decides:',
    "1. Itemised records. On request, by text, by USSD, in the operator's app or at a shop, an operator gives the customer, free of charge and within seven days, a record of every call, text, data session, bundle purchase and mobile-money fee of the last six months, with date, time, amount and balance after each.",
    '2. Data-use alerts. An operator sends a free text when 80 % and again when 100 % of a data bundle has been used, in the language the customer chose, naming what happens next.',
    '3. No silent out-of-bundle charges. When a bundle runs out, data stops unless the customer chose in advance to continue at the out-of-bundle rate; that choice can be undone at any time free of charge.',
    '4. Complaints. A customer who disputes a charge may complain to the operator and, after 30 days without a satisfactory answer, to the Authority. The operator keeps the disputed amount suspended while the complaint is open.',
    '5. Entry into force. This decision applies from 1 January 2027. Operators report their compliance to the Authority by 31 March 2027.',
  ].join('\n\n'),
  hasOwnPdf: true,
  translations: [
    {
      language: 'fr',
      title: 'Décision DCA/CP/03/2026 sur les factures détaillées et les alertes de consommation de données',
      abstract:
        "Tout opérateur mobile autorisé dans la juridiction de démonstration doit remettre gratuitement à ses clients, sur demande, le relevé détaillé des appels, SMS, sessions de données et frais de mobile money des six derniers mois ; envoyer un SMS à 80 % puis à 100 % d'un forfait de données consommé ; et ne facturer aucune donnée hors forfait sans l'accord du client. La décision fait suite à la consultation de 2026 sur les factures imprévues et s'applique à partir du 1er janvier 2027.",
    },
    {
      language: 'ar',
      title: 'القرار DCA/CP/03/2026 بشأن الفواتير المفصلة وتنبيهات استهلاك البيانات',
      abstract:
        'يلزم هذا القرار كل مشغل للهاتف المحمول مرخص في الولاية القضائية التجريبية بأن يقدم لعملائه مجاناً وعند الطلب سجلاً مفصلاً للمكالمات والرسائل وجلسات البيانات ورسوم الأموال عبر الهاتف المحمول خلال الأشهر الستة الأخيرة، وأن يرسل رسالة نصية عند استهلاك 80% ثم 100% من باقة البيانات، وألا يفرض رسوماً على بيانات خارج الباقة إلا بموافقة المستهلك. ويأتي القرار بعد مشاورة عام 2026 بشأن الفواتير المفاجئة ويسري اعتباراً من 1 كانون الثاني/يناير 2027.',
    },
    {
      language: 'es',
      title: 'Decisión DCA/CP/03/2026 sobre facturas detalladas y alertas de consumo de datos',
      abstract:
        'Todo operador móvil con licencia en la jurisdicción de demostración debe entregar a sus clientes, gratis y a petición, el detalle de llamadas, mensajes, sesiones de datos y comisiones de dinero móvil de los últimos seis meses; enviar un SMS al consumir el 80 % y el 100 % de un paquete de datos; y no cobrar datos fuera del paquete sin que el cliente lo haya pedido. La decisión sigue a la consulta de 2026 sobre facturas inesperadas y se aplica desde el 1 de enero de 2027.',
    },
    {
      language: 'ru',
      title: 'Решение DCA/CP/03/2026 о детализированных счетах и уведомлениях о расходе трафика',
      abstract:
        'Каждый оператор мобильной связи, имеющий лицензию в демонстрационной юрисдикции, обязан бесплатно и по запросу предоставлять клиентам детализацию звонков, SMS, сеансов передачи данных и комиссий мобильных денег за последние шесть месяцев; отправлять SMS при расходе 80 % и 100 % пакета данных; и не взимать плату за трафик сверх пакета без согласия клиента. Решение принято по итогам консультации 2026 года о неожиданно высоких счетах и применяется с 1 января 2027 года.',
    },
    {
      language: 'zh',
      title: '关于详细账单和数据用量提醒的第DCA/CP/03/2026号决定',
      abstract:
        '在演示辖区获得许可的每家移动运营商，必须应客户要求免费提供最近六个月的通话、短信、数据会话和移动支付费用的详细记录；在数据套餐用量达到80%和100%时发送短信提醒；未经客户同意，不得收取套餐外数据费用。该决定是在2026年关于意外高额账单的公众咨询之后作出的，自2027年1月1日起适用。',
    },
  ],
};

/** The published demo documents: real texts with their public addresses, and the demo authority's own decision. */
export const DEMO_LIBRARY: readonly DemoDocument[] = [
  {
    ...blank,
    id: 'demo-itu-d-resolution-64-en',
    title:
      'Resolution 64 (Rev. Kigali, 2022): Protecting and supporting users/consumers of telecommunication/information and communication technology services',
    issuer: 'International Telecommunication Union, World Telecommunication Development Conference (WTDC-22)',
    issued: '2022-06-16',
    language: 'en',
    type: 'resolution',
    topic: 'consumerRights',
    licence: ITU_RIGHTS,
    link: 'https://www.itu.int/pub/D-TDC-WTDC-2022',
    abstract:
      'The resolution asks ITU members to protect and support users and consumers of telecommunication and ICT services: consumer education on their rights and on the features, quality, security and prices of services; training programmes, workshops and seminars; digital skills for persons with disabilities, older persons and other vulnerable groups; support for consumer and end-user associations; and the sharing of good practices between Member States. It is printed in Part IV of the final report of WTDC-22.',
    translations: [
      {
        language: 'fr',
        title: 'Résolution 64 (Rév. Kigali, 2022) : Protection et soutien des utilisateurs/consommateurs de services de télécommunication/TIC',
        abstract:
          "La résolution invite les membres de l'UIT à protéger et à soutenir les utilisateurs et consommateurs de services de télécommunication et de TIC : information des consommateurs sur leurs droits et sur les caractéristiques, la qualité, la sécurité et les prix des services ; programmes de formation, ateliers et séminaires ; compétences numériques des personnes handicapées, des personnes âgées et d'autres groupes vulnérables ; soutien aux associations de consommateurs ; partage de bonnes pratiques entre États Membres.",
      },
      {
        language: 'ar',
        title: 'القرار 64 (المراجَع في كيغالي، 2022): حماية مستخدمي/مستهلكي خدمات الاتصالات/تكنولوجيا المعلومات والاتصالات ودعمهم',
        abstract:
          'يدعو القرار أعضاء الاتحاد الدولي للاتصالات إلى حماية مستخدمي ومستهلكي خدمات الاتصالات وتكنولوجيا المعلومات والاتصالات ودعمهم: توعية المستهلك بحقوقه وبخصائص الخدمات وجودتها وأمنها وأسعارها، وبرامج التدريب وحلقات العمل والندوات، والمهارات الرقمية للأشخاص ذوي الإعاقة وكبار السن والفئات الضعيفة الأخرى، ودعم جمعيات المستهلكين، وتبادل الممارسات الجيدة بين الدول الأعضاء.',
      },
    ],
  },
  {
    ...blank,
    id: 'demo-itu-d-resolution-64-es',
    title:
      'Resolución 64 (Rev. Kigali, 2022): Protección y apoyo a los usuarios/consumidores de servicios de telecomunicaciones/tecnologías de la información y la comunicación',
    issuer: 'Unión Internacional de Telecomunicaciones, Conferencia Mundial de Desarrollo de las Telecomunicaciones (CMDT-22)',
    issued: '2022-06-16',
    language: 'es',
    type: 'resolution',
    topic: 'consumerRights',
    licence: ITU_RIGHTS,
    link: 'https://www.itu.int/pub/D-TDC-WTDC-2022/es',
    abstract:
      'Versión en español de la Resolución 64 de la CMDT-22. Pide a los miembros de la UIT proteger y apoyar a los usuarios y consumidores de servicios de telecomunicaciones y TIC: educación del consumidor sobre sus derechos y sobre las características, la calidad, la seguridad y los precios de los servicios; programas de formación, talleres y seminarios; competencias digitales para personas con discapacidad, personas mayores y otros grupos vulnerables; apoyo a las asociaciones de consumidores; e intercambio de buenas prácticas entre Estados Miembros.',
  },
  {
    ...blank,
    id: 'demo-itu-t-e800',
    title: 'Recommendation ITU-T E.800 (09/2008): Definitions of terms related to quality of service',
    issuer: 'International Telecommunication Union, Telecommunication Standardization Sector (ITU-T)',
    issued: '2008-09',
    language: 'en',
    type: 'standard',
    topic: 'qualityOfService',
    licence: ITU_RIGHTS,
    link: 'https://www.itu.int/rec/T-REC-E.800-200809-I',
    abstract:
      'The reference vocabulary of quality of service in telecommunications: what quality of service and network performance mean, and the terms for availability, reliability, accessibility, retainability and integrity of a service. Regulators use it to word the quality indicators they ask operators to measure and publish, so that consumers compare like with like.',
  },
  {
    ...blank,
    id: 'demo-oecd-consumer-policy-toolkit',
    title: 'Consumer Policy Toolkit',
    issuer: 'Organisation for Economic Co-operation and Development (OECD)',
    issued: '2010',
    language: 'en',
    type: 'toolkit',
    topic: 'consumerRights',
    licence: ITU_RIGHTS,
    link: 'https://doi.org/10.1787/9789264079663-en',
    abstract:
      'A practical guide for consumer policy makers: how markets and consumer behaviour work (including lessons of behavioural economics), how to identify and measure consumer detriment, and how to choose among policy tools, from information and education to codes of conduct and regulation. Case studies include markets where complex offers make comparison hard, as in communication services.',
  },
  {
    ...blank,
    id: 'demo-un-guidelines-consumer-protection',
    title: 'United Nations Guidelines for Consumer Protection',
    issuer: 'United Nations Conference on Trade and Development (UNCTAD)',
    issued: '2016-08-16',
    language: 'en',
    type: 'guideline',
    topic: 'consumerRights',
    licence: UN_FREE,
    link: 'https://unctad.org/en/pages/PublicationWebflyer.aspx?publicationid=1598',
    abstract:
      'The principles of effective consumer protection legislation, enforcement institutions and redress systems, as revised by the General Assembly in resolution 70/186 of 22 December 2015: access to essential goods and services, protection of vulnerable consumers, e-commerce, financial services, privacy, dispute resolution and redress, education, and international cooperation between consumer protection authorities.',
  },
  {
    ...blank,
    id: 'demo-un-resolution-70-186-ar',
    title: 'القرار 70/186: حماية المستهلك',
    issuer: 'الجمعية العامة للأمم المتحدة',
    issued: '2015-12-22',
    language: 'ar',
    type: 'resolution',
    topic: 'consumerRights',
    licence: UN_FREE,
    link: 'https://undocs.org/ar/A/RES/70/186',
    abstract:
      'يتضمن قرار الجمعية العامة للأمم المتحدة 70/186 المؤرخ 22 كانون الأول/ديسمبر 2015 مبادئ الأمم المتحدة التوجيهية لحماية المستهلك بصيغتها المنقحة، وتشمل التجارة الإلكترونية والخدمات المالية وحماية البيانات وتسوية المنازعات والتعويض. وتساعد هذه المبادئ الدول الأعضاء على وضع وإنفاذ قوانين وقواعد لحماية المستهلك، وتشجع التعاون الدولي وتبادل الخبرات. وأنشأ القرار فريق خبراء حكومياً دولياً معنياً بقوانين وسياسات حماية المستهلك في إطار الأونكتاد.',
  },
  {
    ...blank,
    id: 'demo-un-resolution-70-186-zh',
    title: '第70/186号决议：保护消费者',
    issuer: '联合国大会',
    issued: '2015-12-22',
    language: 'zh',
    type: 'resolution',
    topic: 'consumerRights',
    licence: UN_FREE,
    link: 'https://undocs.org/zh/A/RES/70/186',
    abstract:
      '联合国大会于2015年12月22日通过的第70/186号决议载有修订后的《联合国保护消费者准则》，涵盖电子商务、金融服务、数据隐私以及争议解决和补救，旨在帮助各国制定和执行保护消费者权益的法律、规则和条例，并促进消费者保护执法方面的国际合作与经验交流。决议还决定在联合国贸易和发展会议框架下设立消费者保护法律和政策政府间专家组。',
  },
  {
    ...blank,
    id: 'demo-un-resolution-70-186-ru',
    title: 'Резолюция 70/186. Защита интересов потребителей',
    issuer: 'Генеральная Ассамблея Организации Объединённых Наций',
    issued: '2015-12-22',
    language: 'ru',
    type: 'resolution',
    topic: 'consumerRights',
    licence: UN_FREE,
    link: 'https://undocs.org/ru/A/RES/70/186',
    abstract:
      'Резолюция 70/186 Генеральной Ассамблеи ООН от 22 декабря 2015 года содержит пересмотренные Руководящие принципы Организации Объединённых Наций для защиты интересов потребителей: электронная торговля, финансовые услуги, защита данных, урегулирование споров и возмещение ущерба. Принципы помогают государствам разрабатывать и применять законы о защите прав потребителей и развивать международное сотрудничество. Резолюция учредила Межправительственную группу экспертов по законодательству и политике в области защиты прав потребителей при ЮНКТАД.',
  },
  {
    ...blank,
    id: 'demo-arcep-jalerte',
    title: "J'alerte l'Arcep : la plateforme de signalement des utilisateurs",
    issuer: 'Autorité de régulation des communications électroniques, des postes et de la distribution de la presse (Arcep)',
    issued: '2017-10',
    language: 'fr',
    type: 'overview',
    topic: 'complaints',
    country: 'FR',
    licence: ITU_RIGHTS,
    link: 'https://jalerte.arcep.fr/',
    abstract:
      "Depuis 2017, le régulateur français invite consommateurs, entreprises et collectivités à lui signaler les difficultés rencontrées avec leur opérateur : couverture et qualité du réseau, facturation, démarchage, difficultés de résiliation ou de changement d'offre. La plateforme ne règle pas les litiges individuels mais oriente chacun vers le bon recours ; les signalements, agrégés, guident l'action du régulateur auprès des opérateurs.",
    translations: [
      {
        language: 'en',
        title: "J'alerte l'Arcep: the French regulator's reporting platform for users",
        abstract:
          "Since 2017 the French regulator has asked consumers, businesses and local authorities to report the problems they have with their operator: coverage and network quality, billing, cold calling, trouble cancelling or changing a plan. The platform does not settle individual disputes but points each person to the right remedy; the reports, taken together, steer the regulator's action towards operators.",
      },
    ],
  },
  {
    ...blank,
    id: 'demo-anatel-rgc',
    title: 'Resolução nº 632/2014: Regulamento Geral de Direitos do Consumidor de Serviços de Telecomunicações (RGC)',
    issuer: 'Agência Nacional de Telecomunicações (Anatel)',
    issued: '2014-03-07',
    language: 'pt',
    type: 'regulation',
    topic: 'contracts',
    country: 'BR',
    licence: ITU_RIGHTS,
    link: 'https://informacoes.anatel.gov.br/legislacao/resolucoes/2014/750-resolucao-632',
    abstract:
      'Regras comuns de direitos do consumidor para telefonia fixa e móvel, internet e TV por assinatura: cancelamento do contrato pela internet ou pelo atendimento automático, sem precisar falar com um atendente; aviso quando a franquia de dados está perto do fim; validade mínima dos créditos pré-pagos; contestação de cobranças e devolução de valores cobrados indevidamente; e oferta de comparação de planos.',
    translations: [
      {
        language: 'en',
        title: 'Resolution 632/2014: General Regulation on the Rights of Consumers of Telecommunication Services (RGC)',
        abstract:
          'Common consumer rights for fixed and mobile telephony, internet access and pay TV in Brazil: cancelling a contract online or through the automated service without having to talk to an agent; a warning when the data allowance is nearly used; a minimum validity for prepaid credit; disputing charges and getting back amounts wrongly charged; and help comparing plans.',
      },
      {
        language: 'es',
        title: 'Resolución 632/2014: Reglamento General de Derechos del Consumidor de Servicios de Telecomunicaciones (RGC)',
        abstract:
          'Derechos comunes de los consumidores de telefonía fija y móvil, internet y televisión de pago en Brasil: baja del contrato por internet o por atención automática, sin hablar con un agente; aviso cuando la franquicia de datos está por agotarse; validez mínima del saldo prepago; reclamación de cobros y devolución de lo cobrado indebidamente; y ayuda para comparar planes.',
      },
    ],
  },
  DEMO_DECISION,
];

/** The submission an invited contributor sent, left in review for the demo's staff. */
export const DEMO_IN_REVIEW: LibrarySubmissionInput = {
  ...blank,
  title: 'Recommendation of the Council on Consumer Protection in E-commerce',
  issuer: 'Organisation for Economic Co-operation and Development (OECD)',
  issued: '2016-03-24',
  language: 'en',
  type: 'recommendation',
  topic: 'consumerRights',
  licence: ITU_RIGHTS,
  link: 'https://legalinstruments.oecd.org/en/instruments/OECD-LEGAL-0422',
  abstract:
    "The OECD Council's principles for protecting consumers who buy online, including through mobile devices: fair business practices, clear information about the business, the goods or services and the transaction, payment protection, dispute resolution and redress, privacy and security, and education and digital competence. Useful for mobile-money and in-app purchases.",
};

/** The demo's invited contributors: one who answered (the document in review) and one who has not yet. */
export const DEMO_CONTRIBUTORS = {
  answered: { name: 'Achieng Otieno', email: 'achieng.otieno@consumers-forum.example', language: 'en' },
  pending: { name: 'Hassan Mwinyi', email: 'hassan.mwinyi@pwani-users.example', language: 'en' },
} as const;

/** A one-page PDF of the demo authority's own decision, made here rather than copied from anyone. */
async function decisionPdf(document: DemoDocument): Promise<Buffer> {
  const pdf = new PDFDocument({ size: 'A4', margin: 56, info: { Title: document.title, Author: document.issuer } });
  const chunks: Buffer[] = [];
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve) => pdf.on('end', () => resolve()));
  pdf.fontSize(16).text(document.title);
  pdf.moveDown().fontSize(10).text(`${document.issuer}, ${document.issued}`);
  pdf.moveDown().fontSize(11).text(document.fullText);
  pdf.end();
  await ended;
  return Buffer.concat(chunks);
}

/** Seeds the library: the published documents through the whole review, one submission in review and one invitation pending. */
export async function seedLibraryDemo(platform: Platform): Promise<void> {
  // Each document's id is its own; invitations and the contributor's document get generated ones.
  let nextId: string | undefined;
  const library = createLibraryServiceFor(platform, {
    ids: () => {
      const id = nextId ?? platform.ids();
      nextId = undefined;
      return id;
    },
  });
  const system: Actor = { type: 'system', id: null };
  const expectOk = (outcome: { ok: boolean }, what: string) => {
    if (!outcome.ok) throw new Error(`The library demo could not ${what}: ${JSON.stringify(outcome)}`);
  };
  for (const document of DEMO_LIBRARY) {
    nextId = document.id;
    const file = document.hasOwnPdf ? { content: await decisionPdf(document), isTooLarge: false } : null;
    const submitted = await library.submit({ kind: 'staff', actor: system }, document, file);
    if (!submitted.ok) throw new Error(`The library demo could not submit ${document.title}: ${JSON.stringify(submitted)}`);
    for (const translation of document.translations ?? []) expectOk(await library.translate(system, submitted.id, translation), 'translate');
    expectOk(await library.move(system, submitted.id, 'review', { version: '1', reason: '' }), 'start a review');
    expectOk(await library.move(system, submitted.id, 'publish', { version: '2', reason: '' }), 'publish');
  }
  const answered = await library.invite(system, DEMO_CONTRIBUTORS.answered);
  if (!answered.ok) throw new Error('The library demo could not invite a contributor.');
  const sent = await library.submit({ kind: 'contributor', token: answered.token }, DEMO_IN_REVIEW, null);
  if (!sent.ok) throw new Error("The library demo could not send the contributor's document.");
  expectOk(await library.move(system, sent.id, 'review', { version: '1', reason: '' }), 'start a review');
  expectOk(await library.invite(system, DEMO_CONTRIBUTORS.pending), 'invite');
}
