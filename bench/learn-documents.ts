// Searchable documents for the learn benches: rights guides, courses, lessons and library
// entries in the six languages, written from sentences a regulator's consumer pages hold, so that
// word frequencies, accents, Arabic articles and Chinese runs look like the real content's.
import type { SearchDocument } from '../src/platform/search/index.ts';
import { seededRandom } from '../src/platform/seeded-random.ts';

const KINDS = ['learn.guide', 'learn.course', 'learn.lesson', 'learn.library'] as const;

/** Per language: titles' words and sentences of bodies. */
const TEXT: Record<string, { titles: readonly string[]; sentences: readonly string[] }> = {
  en: {
    titles: [
      'Cancelling your contract',
      'Roaming charges abroad',
      'Understanding your bill',
      'Mobile money safety',
      'Buying a used phone',
      'Your consumer rights',
      'Complaints to the operator',
      'Privacy of your data',
    ],
    sentences: [
      'You may cancel a mobile contract at the end of its minimum term.',
      'Your operator must confirm the cancellation in writing within ten days.',
      'Roaming charges apply when you use data outside the country.',
      'Set a spending limit so that your bill never surprises you.',
      'Never share the PIN of your mobile money account with anyone.',
      'A SIM swap lets a thief receive the codes your bank sends you.',
      'Check the IMEI of a used phone before you pay for it.',
      'Every consumer has the right to a clear and itemised bill.',
      'If the operator rejects your complaint, you may bring it to the regulator.',
      'Data bundles expire at the end of their validity period.',
      'The regulator publishes the quality of each network every quarter.',
      'Keep the receipt and the contract summary the shop gave you.',
    ],
  },
  fr: {
    titles: [
      'Résilier votre contrat',
      'Frais d’itinérance à l’étranger',
      'Comprendre votre facture',
      'Sécurité de l’argent mobile',
      'Acheter un téléphone d’occasion',
      'Vos droits de consommateur',
    ],
    sentences: [
      'La résiliation d’un contrat mobile est possible à la fin de la durée minimale.',
      'L’opérateur doit confirmer la résiliation par écrit sous dix jours.',
      'Des frais d’itinérance s’appliquent lorsque vous utilisez des données à l’étranger.',
      'Fixez un plafond de dépenses pour que votre facture ne vous surprenne jamais.',
      'Ne communiquez jamais le code secret de votre compte d’argent mobile.',
      'Un échange de carte SIM permet à un voleur de recevoir vos codes bancaires.',
      'Vérifiez l’IMEI d’un téléphone d’occasion avant de le payer.',
      'Chaque consommateur a droit à une facture claire et détaillée.',
      'Si l’opérateur rejette votre réclamation, vous pouvez saisir le régulateur.',
      'Les forfaits de données expirent à la fin de leur période de validité.',
    ],
  },
  es: {
    titles: [
      'Cancelar su contrato',
      'Cargos de itinerancia',
      'Entender su factura',
      'Dinero móvil seguro',
      'Comprar un teléfono usado',
      'Sus derechos como consumidor',
    ],
    sentences: [
      'Puede cancelar un contrato móvil al final del plazo mínimo.',
      'El operador debe confirmar la cancelación por escrito en diez días.',
      'Se aplican cargos de itinerancia cuando usa datos fuera del país.',
      'Fije un límite de gasto para que su factura nunca le sorprenda.',
      'Nunca comparta el PIN de su cuenta de dinero móvil.',
      'Un cambio de SIM permite a un ladrón recibir los códigos de su banco.',
      'Compruebe el IMEI de un teléfono usado antes de pagarlo.',
      'Todo consumidor tiene derecho a una factura clara y detallada.',
      'Si el operador rechaza su reclamación, puede acudir al regulador.',
    ],
  },
  ru: {
    titles: [
      'Права потребителей услуг связи',
      'Расторжение договора',
      'Роуминг за границей',
      'Как читать счёт',
      'Безопасность мобильных денег',
      'Покупка подержанного телефона',
    ],
    sentences: [
      'Каждый потребитель имеет право на понятный и подробный счёт.',
      'Договор можно расторгнуть по окончании минимального срока.',
      'Оператор обязан письменно подтвердить расторжение в течение десяти дней.',
      'Плата за роуминг взимается при использовании данных за границей.',
      'Никому не сообщайте ПИН-код от счёта мобильных денег.',
      'Замена SIM-карты позволяет мошеннику получать коды вашего банка.',
      'Проверьте IMEI подержанного телефона до оплаты.',
      'Если оператор отклонил жалобу, обратитесь к регулятору.',
      'Защита прав потребителей закреплена в правилах регулятора.',
    ],
  },
  ar: {
    titles: ['حقوق المستهلك في خدمات الاتصالات', 'إلغاء العقد', 'رسوم التجوال في الخارج', 'فهم فاتورتك', 'أمان الأموال عبر الهاتف', 'شراء هاتف مستعمل'],
    sentences: [
      'يحق لكل مستهلك الحصول على فاتورة واضحة ومفصلة.',
      'يمكنك إلغاء عقد الهاتف المحمول في نهاية مدته الدنيا.',
      'يجب على المشغل تأكيد الإلغاء كتابيًا خلال عشرة أيام.',
      'تُطبق رسوم التجوال عند استخدام البيانات خارج البلد.',
      'لا تشارك الرقم السري لحساب الأموال عبر الهاتف مع أي شخص.',
      'يسمح تبديل الشريحة للص باستلام الرموز التي يرسلها مصرفك.',
      'تحقق من رقم IMEI للهاتف المستعمل قبل أن تدفع ثمنه.',
      'إذا رفض المشغل شكواك، يمكنك رفعها إلى الهيئة المنظمة.',
      'تحمي الهيئة حقوق المستهلكين في قطاع الاتصالات.',
    ],
  },
  zh: {
    titles: ['电信消费者权益指南', '解除合同', '境外漫游费用', '看懂您的账单', '移动支付安全', '购买二手手机'],
    sentences: [
      '每位用户都有权获得清晰、详细的账单。',
      '最短期限届满后，您可以解除移动合同。',
      '运营商必须在十天内书面确认解除合同。',
      '在境外使用数据时会产生漫游费用。',
      '切勿向任何人透露您移动支付账户的密码。',
      '换卡诈骗让窃贼能够收到银行发给您的验证码。',
      '付款前请核对二手手机的IMEI号码。',
      '如果运营商拒绝您的投诉，您可以向监管机构申诉，维护自己的合法权益。',
      '监管机构依法保护消费者的合法权益。',
    ],
  },
};

/** The six languages, in the order documents are generated. */
export const BENCH_LANGUAGES = Object.keys(TEXT);

/** `count` documents spread evenly over the six languages and four kinds, each of 6 to 20 sentences, the same for a given seed. */
export function generateLearnDocuments(count: number, seed = 20261226): SearchDocument[] {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const documents: SearchDocument[] = [];
  for (let i = 0; i < count; i += 1) {
    const language = BENCH_LANGUAGES[i % BENCH_LANGUAGES.length]!;
    const kind = KINDS[Math.floor(i / BENCH_LANGUAGES.length) % KINDS.length]!;
    const { titles, sentences } = TEXT[language]!;
    const length = 6 + Math.floor(random() * 15);
    const body = Array.from({ length }, () => pick(sentences)).join(language === 'zh' ? '' : ' ');
    documents.push({ kind, id: `bench-${i}`, language, title: `${pick(titles)} ${Math.floor(i / 24) + 1}`, body, url: `/learn/bench/${i}?lang=${language}` });
  }
  return documents;
}
