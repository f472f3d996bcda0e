import PDFDocument from "pdfkit";
import type { BillOfIt } from "../domain/schemas/cost-model.js";

const money = (cents: number | null, currency: string) =>
  cents === null ? "–" : new Intl.NumberFormat("en-IE", { style: "currency", currency }).format(cents / 100);

const pct = (value: number | null) => (value === null ? "–" : `${value > 0 ? "+" : ""}${value.toFixed(1)} %`);

/**
 * The bill of IT as a printable A4 PDF (pdfkit, built-in Helvetica): the unit, the month, the total
 * with its change, and one row per service with cost, change, basis and tickets.
 */
export const renderBillPdf = (bill: BillOfIt): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: "A4",
      margin: 48,
      info: { Title: `Bill of IT: ${bill.businessUnitName} ${bill.period}` },
    });
    const chunks: Buffer[] = [];
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
    doc.font("Helvetica-Bold").fontSize(18).text(`Bill of IT: ${bill.businessUnitName}`);
    doc
      .font("Helvetica")
      .fontSize(11)
      .text(`Period ${bill.period}${bill.allocated ? "" : " (not allocated yet)"}`);
    doc.moveDown(0.5);
    doc
      .font("Helvetica-Bold")
      .fontSize(13)
      .text(
        `Total ${money(bill.totalCents, bill.currency)}   change ${pct(bill.changePct)}   tickets ${bill.tickets}`,
      );
    doc.moveDown();
    const columns = [
      { title: "Service", x: 48, width: 170 },
      { title: "Cost", x: 220, width: 80 },
      { title: "Change", x: 302, width: 55 },
      { title: "Basis", x: 360, width: 135 },
      { title: "Tickets", x: 497, width: 50 },
    ];
    const row = (cells: string[], bold = false) => {
      const y = doc.y;
      doc.font(bold ? "Helvetica-Bold" : "Helvetica").fontSize(9);
      let bottom = y;
      cells.forEach((cell, i) => {
        const c = columns[i];
        if (!c) return;
        doc.text(cell, c.x, y, { width: c.width });
        bottom = Math.max(bottom, doc.y);
      });
      doc.x = 48;
      doc.y = bottom + 3;
      if (doc.y > 780) doc.addPage();
    };
    row(
      columns.map((c) => c.title),
      true,
    );
    for (const l of bill.lines) {
      const driver =
        l.driverValue !== null && l.driverTotal !== null && l.basis !== "direct"
          ? ` (${round(l.driverValue)} of ${round(l.driverTotal)})`
          : "";
      row([
        l.name,
        money(l.cents, bill.currency),
        pct(l.changePct),
        `${l.basis}${driver}`,
        String(l.tickets),
      ]);
    }
    doc.end();
  });

const round = (n: number) => String(Math.round(n * 100) / 100);
