/** What every Bakery-IA service stands on: its module declaration, data source, migrations, security, errors and health. */
package com.bakeryia.platform;
