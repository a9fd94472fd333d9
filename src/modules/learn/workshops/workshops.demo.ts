import { Temporal } from 'temporal-polyfill';
import type { Language } from '../../../platform/jurisdiction.ts';
import type { Platform } from '../../../platform/platform.ts';
import { createWorkshopRepository } from './workshop.repository.ts';
import { hashContact, hashRegistrationToken, instantOf, newRegistrationToken } from './workshop.service.ts';

type Texts = Record<Language, { title: string; description: string }>;

interface DemoEvent {
  /** A fixed id, so that the demo's pages have addresses the browser tests and the guides can name. */
  id: string;
  /** Days from today (local) and the local times. */
  inDays: number;
  start: string;
  end: string;
  heldLanguage: Language;
  topic: string;
  audience: string;
  place: { region: string; address: string } | { link: string };
  capacity: number;
  arrangements: string[];
  texts: Texts;
  /** People registered (confirmed first, the rest waiting); past events mark them as present. */
  registered: number;
  feedback?: { rating: number; comment: string | null }[];
}

const EVENTS: readonly DemoEvent[] = [
  {
    id: 'demo-nairobi-mobile-money',
    inDays: 9,
    start: '10:00',
    end: '12:30',
    heldLanguage: 'en',
    topic: 'mobileMoney',
    audience: 'everyone',
    place: { region: 'KE-30', address: 'Kenyatta International Convention Centre, Harambee Avenue, Nairobi' },
    capacity: 60,
    arrangements: ['signLanguage', 'stepFree', 'captions'],
    registered: 23,
    texts: {
      en: {
        title: 'Safe mobile money: stopping SIM-swap fraud',
        description:
          'How fraudsters take over a SIM card to empty a mobile money wallet, and the five habits that stop them: a PIN nobody knows, never sharing a code sent by text, checking a sudden loss of signal, and what to do in the first hour.\n\nWith a Kenyan Sign Language interpreter and live captions on the big screen.',
      },
      fr: {
        title: 'Argent mobile en sécurité : déjouer la fraude par échange de carte SIM',
        description:
          'Comment des fraudeurs prennent le contrôle d’une carte SIM pour vider un porte-monnaie mobile, et les cinq réflexes qui les arrêtent : un code que personne ne connaît, ne jamais transmettre un code reçu par SMS, s’inquiéter d’une perte soudaine de réseau, et que faire dans la première heure.\n\nAvec une interprète en langue des signes kényane et un sous-titrage en direct sur grand écran.',
      },
      ar: {
        title: 'الأموال عبر الهاتف بأمان: التصدي لاحتيال تبديل شريحة SIM',
        description:
          'كيف يستولي المحتالون على شريحة SIM لإفراغ المحفظة المالية على الهاتف، والعادات الخمس التي توقفهم: رمز سري لا يعرفه أحد، وعدم مشاركة أي رمز يصلك برسالة نصية، والانتباه إلى انقطاع الشبكة المفاجئ، وما يجب فعله في الساعة الأولى.\n\nبحضور مترجم بلغة الإشارة الكينية وترجمة نصية مباشرة على الشاشة الكبيرة.',
      },
      es: {
        title: 'Dinero móvil seguro: cómo frenar el fraude por duplicado de SIM',
        description:
          'Cómo los estafadores se apoderan de una tarjeta SIM para vaciar un monedero móvil, y los cinco hábitos que los detienen: un PIN que nadie conoce, no compartir nunca un código recibido por SMS, sospechar de una pérdida repentina de cobertura y qué hacer en la primera hora.\n\nCon intérprete de lengua de signos keniana y subtítulos en directo en la pantalla grande.',
      },
      ru: {
        title: 'Мобильные деньги без риска: как остановить мошенничество с заменой SIM-карты',
        description:
          'Как мошенники завладевают SIM-картой, чтобы опустошить мобильный кошелёк, и пять привычек, которые их останавливают: ПИН-код, который никто не знает, никогда не сообщать код из СМС, насторожиться при внезапной потере сети и что делать в первый час.\n\nС переводчиком кенийского жестового языка и субтитрами в реальном времени на большом экране.',
      },
      zh: {
        title: '安全使用移动支付：防范 SIM 卡调换诈骗',
        description:
          '诈骗者如何夺取 SIM 卡并清空移动钱包，以及阻止他们的五个习惯：设置无人知晓的 PIN 码、绝不透露短信收到的验证码、警惕信号突然消失，以及在第一个小时内该怎么做。\n\n现场配有肯尼亚手语翻译，大屏幕提供实时字幕。',
      },
    },
  },
  {
    id: 'demo-mombasa-phone-bill',
    inDays: 5,
    start: '14:00',
    end: '16:00',
    heldLanguage: 'en',
    topic: 'billing',
    audience: 'olderPeople',
    place: { region: 'KE-28', address: 'Mombasa Public Library, Msanifu Kombo Street, Mombasa' },
    capacity: 12,
    arrangements: ['stepFree', 'largePrint', 'hearingLoop'],
    registered: 15,
    texts: {
      en: {
        title: 'Understanding your phone bill and data bundles',
        description:
          'Bring your phone: we read a real bill line by line, see where the data goes, and set a spending limit together. Small group, hearing loop in the room, handouts in large print.',
      },
      fr: {
        title: 'Comprendre sa facture de téléphone et ses forfaits de données',
        description:
          'Venez avec votre téléphone : nous lisons une vraie facture ligne par ligne, voyons où partent les données et fixons ensemble une limite de dépenses. Petit groupe, boucle magnétique dans la salle, documents en gros caractères.',
      },
      ar: {
        title: 'فهم فاتورة الهاتف وباقات البيانات',
        description:
          'أحضر هاتفك: نقرأ فاتورة حقيقية سطرًا سطرًا، ونرى أين تذهب البيانات، ونضع معًا حدًا للإنفاق. مجموعة صغيرة، وحلقة سمعية في القاعة، ومطبوعات بخط كبير.',
      },
      es: {
        title: 'Entender la factura del teléfono y los paquetes de datos',
        description:
          'Traiga su teléfono: leemos una factura real línea por línea, vemos adónde van los datos y fijamos juntos un límite de gasto. Grupo reducido, bucle magnético en la sala y material en letra grande.',
      },
      ru: {
        title: 'Как читать счёт за телефон и пакеты трафика',
        description:
          'Возьмите с собой телефон: разберём настоящий счёт строка за строкой, посмотрим, куда уходит трафик, и вместе установим лимит расходов. Небольшая группа, индукционная петля в зале, материалы крупным шрифтом.',
      },
      zh: {
        title: '看懂手机账单和流量套餐',
        description: '请带上手机：我们逐行解读一份真实账单，查看流量用在了哪里，并一起设置消费上限。小班授课，教室配有助听环路，提供大字版资料。',
      },
    },
  },
  {
    id: 'demo-kisumu-second-hand-phone',
    inDays: 16,
    start: '09:30',
    end: '11:30',
    heldLanguage: 'en',
    topic: 'phones',
    audience: 'youth',
    place: { region: 'KE-17', address: 'Kisumu Social Hall, Oginga Odinga Road, Kisumu' },
    capacity: 40,
    arrangements: ['stepFree', 'easyRead'],
    registered: 7,
    texts: {
      en: {
        title: 'Checking a second-hand phone before you buy it',
        description:
          'Dial *#06# to see the IMEI, check it on Kinga, look for the signs of a stolen or counterfeit handset, and know what the seller must give you. Easy-read handouts for everyone.',
      },
      fr: {
        title: 'Vérifier un téléphone d’occasion avant de l’acheter',
        description:
          'Composez *#06# pour voir l’IMEI, vérifiez-le sur Kinga, repérez les signes d’un appareil volé ou contrefait, et sachez ce que le vendeur doit vous remettre. Documents en facile à lire pour tous.',
      },
      ar: {
        title: 'فحص الهاتف المستعمل قبل شرائه',
        description:
          'اطلب ‎*#06#‎ لمعرفة رقم IMEI، وتحقق منه على Kinga، وتعرّف إلى علامات الهاتف المسروق أو المقلَّد، واعرف ما يجب أن يسلّمك إياه البائع. مطبوعات سهلة القراءة للجميع.',
      },
      es: {
        title: 'Comprobar un teléfono de segunda mano antes de comprarlo',
        description:
          'Marque *#06# para ver el IMEI, compruébelo en Kinga, reconozca las señales de un aparato robado o falsificado y sepa qué debe entregarle el vendedor. Material en lectura fácil para todos.',
      },
      ru: {
        title: 'Как проверить подержанный телефон перед покупкой',
        description:
          'Наберите *#06#, чтобы увидеть IMEI, проверьте его в Kinga, научитесь замечать признаки краденого или поддельного аппарата и узнайте, что продавец обязан вам передать. Материалы в лёгком для чтения формате для всех.',
      },
      zh: {
        title: '购买二手手机前如何检查',
        description: '拨打 *#06# 查看 IMEI，在 Kinga 上核验，识别被盗或假冒手机的迹象，并了解卖家必须交给您的东西。为所有人提供易读版资料。',
      },
    },
  },
  {
    id: 'demo-online-complaints-seminar',
    inDays: 12,
    start: '18:00',
    end: '19:00',
    heldLanguage: 'fr',
    topic: 'rights',
    audience: 'associations',
    place: { link: 'https://meet.kinga.example/seminaire-reclamations' },
    capacity: 200,
    arrangements: ['captions'],
    registered: 31,
    texts: {
      en: {
        title: 'Online seminar: complaints that get results',
        description:
          'For consumer associations and anyone who helps others complain: what the operator must answer and by when, how to escalate to the regulator, and the evidence that makes a case. Held in French with live captions.',
      },
      fr: {
        title: 'Séminaire en ligne : des réclamations qui aboutissent',
        description:
          'Pour les associations de consommateurs et toute personne qui aide les autres à réclamer : ce que l’opérateur doit répondre et dans quel délai, comment saisir le régulateur, et les preuves qui font la différence. En français, avec sous-titrage en direct.',
      },
      ar: {
        title: 'ندوة عبر الإنترنت: شكاوى تحقق النتائج',
        description:
          'لجمعيات المستهلكين ولكل من يساعد غيره على تقديم الشكاوى: بماذا يجب أن يرد المشغّل وفي أي أجل، وكيف تُرفع الشكوى إلى الهيئة التنظيمية، والأدلة التي تصنع الفرق. باللغة الفرنسية مع ترجمة نصية مباشرة.',
      },
      es: {
        title: 'Seminario en línea: reclamaciones que dan resultado',
        description:
          'Para asociaciones de consumidores y para quien ayuda a otros a reclamar: qué debe responder el operador y en qué plazo, cómo acudir al regulador y qué pruebas marcan la diferencia. En francés, con subtítulos en directo.',
      },
      ru: {
        title: 'Онлайн-семинар: жалобы, которые работают',
        description:
          'Для обществ потребителей и всех, кто помогает другим подавать жалобы: что и в какой срок обязан ответить оператор, как обратиться к регулятору и какие доказательства решают дело. На французском языке, с субтитрами в реальном времени.',
      },
      zh: {
        title: '线上研讨会：让投诉取得结果',
        description:
          '面向消费者协会以及帮助他人投诉的人士：运营商必须答复什么、在多长时间内答复，如何向监管机构申诉，以及哪些证据能决定结果。以法语授课，配有实时字幕。',
      },
    },
  },
  {
    id: 'demo-nairobi-smartphone-basics',
    inDays: -8,
    start: '10:00',
    end: '12:00',
    heldLanguage: 'en',
    topic: 'digitalSkills',
    audience: 'olderPeople',
    place: { region: 'KE-30', address: 'Kibera Community Library, Olympic Estate, Nairobi' },
    capacity: 20,
    arrangements: ['signLanguage', 'stepFree'],
    registered: 14,
    feedback: [
      { rating: 5, comment: 'I can now send money to my grandson without asking the shop attendant. Thank you.' },
      { rating: 5, comment: 'The sign language interpreter made all the difference.' },
      { rating: 4, comment: 'Very useful, but two hours was short. A second session please.' },
      { rating: 4, comment: null },
      { rating: 3, comment: 'The room was hot and the screen hard to read from the back.' },
      { rating: 5, comment: null },
    ],
    texts: {
      en: {
        title: 'Smartphone basics for older people',
        description:
          'Calls, messages, photos and a first mobile money payment, at your own pace, with volunteers beside you. Sign language interpreter present.',
      },
      fr: {
        title: 'Les bases du smartphone pour les aînés',
        description:
          'Appels, messages, photos et un premier paiement par argent mobile, à votre rythme, avec des bénévoles à vos côtés. Interprète en langue des signes présent.',
      },
      ar: {
        title: 'أساسيات الهاتف الذكي لكبار السن',
        description: 'المكالمات والرسائل والصور وأول دفعة بالأموال عبر الهاتف، على مهلك، ومعك متطوعون. بحضور مترجم بلغة الإشارة.',
      },
      es: {
        title: 'Lo básico del teléfono inteligente para personas mayores',
        description: 'Llamadas, mensajes, fotos y un primer pago con dinero móvil, a su ritmo y con voluntarios a su lado. Con intérprete de lengua de signos.',
      },
      ru: {
        title: 'Смартфон для начинающих: занятие для пожилых людей',
        description: 'Звонки, сообщения, фотографии и первый платёж мобильными деньгами — в своём темпе, рядом с волонтёрами. Работает сурдопереводчик.',
      },
      zh: {
        title: '老年人智能手机入门',
        description: '打电话、发消息、拍照以及第一次移动支付，按您自己的节奏学习，志愿者全程陪同。现场有手语翻译。',
      },
    },
  },
];

const FIRST_NAMES = [
  'Wanjiru',
  'Otieno',
  'Achieng',
  'Kamau',
  'Fatuma',
  'Mwangi',
  'Njeri',
  'Omondi',
  'Halima',
  'Kiprop',
  'Auma',
  'Mutua',
  'Zawadi',
  'Baraka',
  'Amina',
];
const LAST_NAMES = ['Kariuki', 'Odhiambo', 'Wafula', 'Chebet', 'Mohamed', 'Ndungu', 'Atieno', 'Kiplagat', 'Wambui', 'Hassan'];
const NEEDS = ['A seat near the interpreter, please.', 'I use a wheelchair.', '', '', 'Large print handouts if possible.', ''];
const LANGUAGES: readonly Language[] = ['en', 'en', 'fr', 'en', 'ar', 'en', 'es', 'en'];

/** The demo's events, by their fixed ids. */
export const DEMO_WORKSHOP_IDS = EVENTS.map((e) => e.id);

/** Inserts the demo's workshops once: four coming up (one full with a waiting list, one online) and one past with feedback. */
export async function seedWorkshopsDemo(platform: Platform): Promise<void> {
  const repository = createWorkshopRepository(platform.db.kysely);
  if ((await repository.listAllEvents(1)).length > 0) return;
  const { keyring, clock, ids } = platform;
  const timeZone = platform.config.jurisdiction.timeZone;
  const now = clock.now();
  const today = Temporal.Instant.fromEpochMilliseconds(now.getTime()).toZonedDateTimeISO(timeZone).toPlainDate();
  const seal = (value: string, column: string) => keyring.encrypt(value, `learn_workshop_registrations.${column}`);
  await repository.inTransaction(async (trx) => {
    let person = 0;
    for (const demo of EVENTS) {
      const { id } = demo;
      const date = today.add({ days: demo.inDays }).toString();
      const startsAt = instantOf(date, demo.start, timeZone);
      const endsAt = instantOf(date, demo.end, timeZone);
      const createdAt = new Date(Math.min(now.getTime(), startsAt.getTime()) - 30 * 86_400_000).toISOString();
      const isVenue = 'region' in demo.place;
      await trx.insertEvent(
        {
          id,
          state: 'published',
          sequence: 0,
          held_language: demo.heldLanguage,
          source_language: demo.heldLanguage,
          topic: demo.topic,
          audience: demo.audience,
          place_kind: isVenue ? 'venue' : 'online',
          region: 'region' in demo.place ? demo.place.region : null,
          address: 'address' in demo.place ? demo.place.address : null,
          online_link: 'link' in demo.place ? demo.place.link : null,
          starts_at: startsAt.toISOString(),
          ends_at: endsAt.toISOString(),
          capacity: demo.capacity,
          arrangements: demo.arrangements.join(','),
          created_at: createdAt,
          updated_at: createdAt,
          published_at: createdAt,
          cancelled_at: null,
          feedback_sent_at: demo.feedback ? endsAt.toISOString() : null,
        },
        Object.entries(demo.texts).map(([language, text]) => ({ event_id: id, language, ...text })),
      );
      const isPast = demo.inDays < 0;
      for (let i = 0; i < demo.registered; i += 1) {
        person += 1;
        const name = `${FIRST_NAMES[person % FIRST_NAMES.length]} ${LAST_NAMES[(person * 7) % LAST_NAMES.length]}`;
        const byPhone = person % 3 === 0;
        const contact = byPhone ? `+2547${String(10_000_000 + person * 7919).slice(-8)}` : `${name.toLowerCase().replace(' ', '.')}${person}@example.org`;
        const needs = NEEDS[person % NEEDS.length] ?? '';
        await trx.insertRegistration({
          id: ids(),
          event_id: id,
          status: i < demo.capacity ? 'confirmed' : 'waiting',
          registered_at: new Date(new Date(createdAt).getTime() + (i + 1) * 3_600_000).toISOString(),
          name_enc: seal(name, 'name'),
          contact_kind: byPhone ? 'phone' : 'email',
          contact_enc: seal(contact, 'contact'),
          contact_hash: hashContact(keyring, `${byPhone ? 'phone' : 'email'}:${contact}`),
          needs_enc: needs === '' ? null : seal(needs, 'needs'),
          language: LANGUAGES[person % LANGUAGES.length] ?? 'en',
          token_hash: hashRegistrationToken(keyring, newRegistrationToken()),
          attended: isPast && i % 7 !== 6,
          feedback_given: isPast && i < (demo.feedback?.length ?? 0),
          cancelled_at: null,
          erased_at: null,
        });
      }
      for (const answer of demo.feedback ?? []) {
        await trx.insertFeedback({ id: ids(), event_id: id, rating: answer.rating, comment: answer.comment, given_on: endsAt.toISOString().slice(0, 10) });
      }
    }
  });
}
