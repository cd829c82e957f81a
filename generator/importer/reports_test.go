package importer_test

// The test reports: the same kinds of entry in the three layouts the importer reads. Every
// name, domain and sentence here is made up for the tests.

const ustr2023Title = "2023 Review of Notorious Markets for Counterfeiting and Piracy"

// ustr2023 is a review in the 2019–2025 layout.
var ustr2023 = []page{
	{Body: `<h1>` + ustr2023Title + `</h1><p>Office of the United States Trade Representative</p>`},
	{Body: toc(
		"Overview of the Results of the 2023 Review|1",
		"Positive Developments Since the 2022 Review|1",
		"Online Markets|2",
		"FXB TORRENTS|2",
		"GLOBAL PACIFIC SOCIAL COMMERCE AND LIVE STREAMING",
		"MARKETPLACE|2",
		"STREAMZILLA|2",
		"Physical Markets|3",
		"Argentina|3",
		"Mall of Fakes &amp; Co, Buenos Aires|3",
		"China|3",
		"Silk Street Market, Beijing|3",
		"Public Information|4",
	), Footer: "i"},
	{Header: ustr2023Title, Footer: "1", Body: `
<h2>Overview of the Results of the 2023 Review</h2>
<p>The review names online and physical markets that right holders reported. It makes no finding of law.</p>
<h2>Positive Developments Since the 2022 Review</h2>
<h3>OLD LOCKER</h3>
<p>The operator of oldlocker.com reportedly closed the site in 2023 after a court order.</p>`},
	{Header: ustr2023Title, Footer: "2", Body: `
<h2>Online Markets</h2>
<p>The markets below were nominated by right holders in the public comments.</p>
<h3>FXB TORRENTS</h3>
<p>Nominated as WWW.FIXTUREBAY.COM and БУХТА.РФ. This torrent index is reportedly operated from
Sweden; right holders say it ignores notices and offers ﬁlms and coun-<br>terfeit software keys.</p>
<h3 class=narrow>GLOBAL PACIFIC SOCIAL COMMERCE AND LIVE STREAMING MARKETPLACE</h3>
<p>Nominated as gpscm.shop. Headquartered in Singapore, this e-commerce and social commerce
platform reportedly lets sellers offer counterfeit goods in live streams.</p>
<h3>STREAMZILLA</h3>
<p>Nominated as streamzilla.to and</p>`},
	{Header: ustr2023Title, Footer: "3", Body: `
<p>streamzilla.net. The site is reportedly operated from Vietnam and offers unlicensed streaming of films and series.</p>
<h2>Physical Markets</h2>
<h3>Argentina</h3>
<h3>Mall of Fakes &amp; Co, Buenos Aires</h3>
<p>Vendors in this large market reportedly sell counterfeit clothing and footwear.</p>
<h3>China</h3>
<h3>Silk Street Market, Beijing</h3>
<p>Right holders report counterfeit bags and watches sold to visitors.</p>`},
	{Header: ustr2023Title, Footer: "4", Body: `
<h2>Public Information</h2>
<p>The review is published on the agency's website.</p>`},
}

const ustr2018Title = "2018 Out-of-Cycle Review of Notorious Markets"

// ustr2018 is a review in the 2017–2018 layout: domains in the headings.
var ustr2018 = []page{
	{Body: `<h1>` + ustr2018Title + `</h1><p>Office of the United States Trade Representative</p>`},
	{Body: toc(
		"Overview of the Results of the 2018 Review|1",
		"Positive Developments|1",
		"Online Markets|2",
		"FIXTUREBAY.COM|2",
		"Megalocker (megalocker.net)|2",
		"Pirate Library of Everything Ever Printed",
		"and Scanned (pleeps.org)|2",
		"Physical Markets|3",
		"Argentina|3",
		"La Salada, Buenos Aires|3",
		"Public Information|3",
	), Footer: "i"},
	{Header: ustr2018Title, Footer: "1", Body: `
<h2>Overview of the Results of the 2018 Review</h2>
<p>This out-of-cycle review lists online and physical markets reported for infringement.</p>
<h2>Positive Developments</h2>
<h3>Shop-o-Rama</h3>
<p>The platform at SHOPORAMA.COM.CN reportedly removed listings faster in 2018.</p>`},
	{Header: ustr2018Title, Footer: "2", Body: `
<h2>Online Markets</h2>
<h3>FIXTUREBAY.COM</h3>
<p>One of the largest torrent sites, reportedly operated from Sweden.</p>
<h3>Megalocker (megalocker.net)</h3>
<p>Megalocker is a cyberlocker reportedly operated from Ukraine that pays uploaders for popular files.</p>
<h3 class=narrow>Pirate Library of Everything Ever Printed and Scanned (pleeps.org)</h3>
<p>The shadow library reportedly hosts millions of books and journal articles and is</p>`},
	{Header: ustr2018Title, Footer: "3", Body: `
<p>headquartered in Russia, according to publishers.</p>
<h2>Physical Markets</h2>
<h3>Argentina</h3>
<h3>La Salada, Buenos Aires</h3>
<p>A very large market where counterfeit goods are reportedly sold.</p>
<h2>Public Information</h2>
<p>The review is published on the agency's website.</p>`},
}

const euHeader = "Counterfeit and Piracy Watch List 2022"

// eu2022 is a watch list in the EU's layout: numbered sections, a page in two columns.
var eu2022 = []page{
	{Body: `<p>EUROPEAN COMMISSION</p><p>Brussels, 1.12.2022</p><h1>COMMISSION STAFF WORKING DOCUMENT</h1><h1>Counterfeit and Piracy Watch List</h1>`},
	{Body: toc(
		"1. Introduction|1",
		"2. Copyright-infringing sites|1",
		"2.1 Cyberlockers|1",
		"2.2 Stream-ripping sites|2",
		"3. E-commerce platforms|3",
		"4. Physical marketplaces|3",
		"5. Next steps|3",
	), Footer: "i"},
	{Header: euHeader, Footer: "1", Body: `
<h2>1. Introduction</h2>
<p>This list names marketplaces outside the EU reported to engage in or facilitate infringement.</p>
<h2>2. Copyright-infringing sites</h2>
<h3>2.1 Cyberlockers</h3>
<div class=cols>
<h4>Fixture Bay Mirrors (WWW.БУХТА.РФ)</h4>
<p>Country: Sweden. The mirror network reportedly copies the whole index of a large torrent site and
keeps it reachable when the main domain is blocked by courts in several Member States, according to
the stakeholders who took part in the consultation for this edition.</p>
<h4>Lockbox Cloud (lockbox.cloud)</h4>
<p>The cyberlocker is reportedly based in Russia. Stakeholders report that it pays uploaders for each
download and that it does not answer notices sent by right holders, and that links to its files are
spread on many linking sites and forums in several languages.</p>
</div>`},
	{Header: euHeader, Footer: "2", Body: `
<h3>2.2 Stream-ripping sites</h3>
<h4 class=narrow>Ripperoo Converter and Downloader for Online Video Platforms</h4>
<p>Domain: ripperoo.cc. The service is reportedly hosted in</p>`},
	{Header: euHeader, Footer: "3", Body: `
<p>the Netherlands and converts music videos to audio files.</p>
<h2>3. E-commerce platforms</h2>
<h4>Shop-o-Rama</h4>
<p>Domain: SHOPORAMA.COM.CN. Country: China. Stakeholders report counterfeit goods on the platform.</p>
<h2>4. Physical marketplaces</h2>
<h3>China</h3>
<h4>Silk Market, Beijing</h4>
<p>Stakeholders report counterfeit goods sold openly.</p>
<h2>5. Next steps</h2>
<p>The Commission will monitor the listed marketplaces.</p>`},
}
